#include "app/Language.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QSettings>

namespace harajchat::console {

namespace {
Q_LOGGING_CATEGORY(lcLanguage, "harajchat.console.language", QtInfoMsg)

const QString LanguageKey = QStringLiteral("language");

// Where Qt's own translations (OK, Cancel, socket and JSON errors) may be: Qt's installation
// (Debian: qt6-translations-l10n), then where windeployqt and a macOS bundle put them.
QStringList qtTranslationDirs()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    return {QLibraryInfo::path(QLibraryInfo::TranslationsPath),
            appDir + QStringLiteral("/translations"),
            appDir + QStringLiteral("/../Resources/translations")};
}
} // namespace

Language::Language(QObject *parent)
    : QObject(parent)
{
    choose(QSettings().value(LanguageKey, System).toString());
}

void Language::choose(const QString &choice)
{
    m_choice = choice == QLatin1String("en") || choice == QLatin1String("ar") ? choice : System;
    QSettings().setValue(LanguageKey, m_choice);
    const bool systemIsArabic = QLocale::system().language() == QLocale::Arabic;
    apply(m_choice != System ? m_choice
          : systemIsArabic   ? QStringLiteral("ar")
                             : QStringLiteral("en"));
}

void Language::apply(const QString &language)
{
    m_active = language;
    QApplication::removeTranslator(&m_console);
    QApplication::removeTranslator(&m_qt);
    // qt_add_translations embeds the .qm files under :/i18n.
    if (m_console.load(QStringLiteral(":/i18n/harajchat_console_%1.qm").arg(language)))
        QApplication::installTranslator(&m_console);
    m_qtLoaded = false;
    for (const QString &dir : qtTranslationDirs()) {
        if (m_qt.load(QStringLiteral("qtbase_%1").arg(language), dir)) {
            m_qtLoaded = QApplication::installTranslator(&m_qt);
            break;
        }
    }
    if (!m_qtLoaded && language != QLatin1String("en"))
        qCWarning(lcLanguage) << "Qt's own translations for" << language << "not found in"
                              << qtTranslationDirs();
    QLocale::setDefault(
        QLocale(language == QLatin1String("ar") ? QLocale::Arabic : QLocale::English));
    QApplication::setLayoutDirection(language == QLatin1String("ar") ? Qt::RightToLeft
                                                                     : Qt::LeftToRight);
}

} // namespace harajchat::console

#pragma once

#include <QObject>
#include <QTranslator>

namespace harajchat::console {

// The console's language: follows the system unless the operator picks one, loads the
// translations built from translations/, and lays the application out right-to-left for Arabic.
class Language : public QObject
{
    Q_OBJECT
public:
    static inline const QString System = QStringLiteral("system");

    explicit Language(QObject *parent = nullptr);

    // "system", "en" or "ar"; remembered for the next start.
    void choose(const QString &choice);
    QString choice() const { return m_choice; }
    // The language in use: "en" or "ar".
    QString active() const { return m_active; }
    // Whether Qt's own texts (standard buttons, socket and JSON errors) are translated too.
    bool qtTranslationsLoaded() const { return m_qtLoaded; }

private:
    void apply(const QString &language);

    QString m_choice;
    QString m_active;
    QTranslator m_console;
    QTranslator m_qt;
    bool m_qtLoaded = false;
};

} // namespace harajchat::console

#pragma once

#include <QDir>
#include <QObject>

namespace harajchat::console {

class MainWindow;

// Saves a picture of each view of the window once it has shown live data for a while, then quits:
// how scripts/console-screenshots.sh makes the pictures of docs/console/.
class Screenshots : public QObject
{
    Q_OBJECT
public:
    Screenshots(MainWindow &window, const QDir &dir, int liveMs, QObject *parent = nullptr);

private:
    void takeAll();
    void save(QWidget &widget, const QString &name);

    MainWindow &m_window;
    QDir m_dir;
    int m_taken = 0;
};

} // namespace harajchat::console

#pragma once

#include <QWidget>
#include <optional>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace harajchat::console {

class SessionModel;

// The sessions table: sortable by any column, filtered by any text, with "close session".
class SessionsView : public QWidget
{
    Q_OBJECT
public:
    explicit SessionsView(SessionModel &sessions, QWidget *parent = nullptr);

    void setFilter(const QString &text);
    int visibleCount() const;
    // Closing needs a live connection and a selected row.
    void setConnected(bool connected);

    // For tests and scripted demos: what the operator would select and click.
    bool selectSession(quint64 sessionId);
    std::optional<quint64> selectedSession() const;
    bool canClose() const;
    // Asks for confirmation, then asks for the close and clears the selection.
    void closeSelected();

signals:
    void closeRequested(quint64 sessionId);
    // The operator opened a session's row: show its user.
    void userChosen(qint64 userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateCloseButton();
    void clearSelection();

    SessionModel &m_sessions;
    QSortFilterProxyModel *m_filtered;
    QLineEdit *m_filter;
    QTableView *m_table;
    QPushButton *m_close;
    bool m_connected = false;
};

} // namespace harajchat::console

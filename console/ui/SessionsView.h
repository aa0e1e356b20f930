#pragma once

#include <QWidget>

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

signals:
    void closeRequested(quint64 sessionId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void closeSelected();

    SessionModel &m_sessions;
    QSortFilterProxyModel *m_filtered;
    QLineEdit *m_filter;
    QTableView *m_table;
    QPushButton *m_close;
};

} // namespace harajchat::console

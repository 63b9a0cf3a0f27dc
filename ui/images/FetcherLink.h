#pragma once
// What each image view keeps of the ImageFetcher the views share: the connection to its answers,
// and the id of the request whose answer the view waits for (answers to older requests, for an
// image, page or cell no longer shown, are ignored).

#include "session/ImageFetcher.h"

#include <QString>

#include <functional>

/// The view's line to the shared fetcher: its answers go to the view's two handlers.
class FetcherLink
{
public:
    using OnFetched = std::function<void(int requestId, const FetchedImages &images)>;
    using OnFailed = std::function<void(int requestId, const QString &message)>;

    /// The handlers are called in `view`'s thread, and never after `view` is destroyed.
    FetcherLink(QObject *view, OnFetched onFetched, OnFailed onFailed);
    /// The same with two of the view's member functions.
    template <typename View>
    FetcherLink(View *view, void (View::*onFetched)(int, const FetchedImages &),
                void (View::*onFailed)(int, const QString &))
        : FetcherLink(
              view,
              [view, onFetched](int id, const FetchedImages &images) {
                  (view->*onFetched)(id, images);
              },
              [view, onFailed](int id, const QString &message) { (view->*onFailed)(id, message); })
    {
    }

    /// Replaces the fetcher (null: none); the old one's answers no longer reach the view.
    void setFetcher(ImageFetcher *fetcher);
    ImageFetcher *fetcher() const { return m_fetcher; }

private:
    QObject *m_view;
    OnFetched m_onFetched;
    OnFailed m_onFailed;
    ImageFetcher *m_fetcher = nullptr;
};

/// The one request a view waits for. Request ids start at 1, so 0 means none.
class PendingRequest
{
public:
    void expect(int requestId) { m_id = requestId; }
    void forget() { m_id = 0; }
    bool isPending() const { return m_id != 0; }
    /// Whether `requestId` is the answer waited for.
    bool isAnsweredBy(int requestId) const { return m_id != 0 && requestId == m_id; }
    /// As isAnsweredBy; when true, the request is no longer pending.
    bool take(int requestId)
    {
        if (!isAnsweredBy(requestId))
            return false;
        m_id = 0;
        return true;
    }

private:
    int m_id = 0;
};

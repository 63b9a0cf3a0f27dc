#include "images/FetcherLink.h"

#include <utility>

FetcherLink::FetcherLink(QObject *view, OnFetched onFetched, OnFailed onFailed)
    : m_view(view), m_onFetched(std::move(onFetched)), m_onFailed(std::move(onFailed))
{
}

void FetcherLink::setFetcher(ImageFetcher *fetcher)
{
    if (m_fetcher)
        QObject::disconnect(m_fetcher, nullptr, m_view, nullptr);
    m_fetcher = fetcher;
    if (m_fetcher) {
        QObject::connect(m_fetcher, &ImageFetcher::imagesFetched, m_view, m_onFetched);
        QObject::connect(m_fetcher, &ImageFetcher::fetchFailed, m_view, m_onFailed);
    }
}

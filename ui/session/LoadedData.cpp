#include "session/LoadedData.h"

SharedData DatasetCache::find(const std::string &key)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->first == key) {
            m_entries.splice(m_entries.begin(), m_entries, it);
            return m_entries.front().second;
        }
    }
    return nullptr;
}

void DatasetCache::put(const std::string &key, const SharedData &data)
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->first == key) {
            m_entries.erase(it);
            break;
        }
    }
    m_entries.emplace_front(key, data);
    while (m_entries.size() > kEntries)
        m_entries.pop_back();
}

bool DatasetCache::isNewest(const std::string &key) const
{
    return !m_entries.empty() && m_entries.front().first == key;
}

QImage toQImage(const normlab::SampleImage &sample)
{
    const QImage view(sample.rgb.data(), sample.width, sample.height, sample.width * 3,
                      QImage::Format_RGB888);
    return view.copy();
}

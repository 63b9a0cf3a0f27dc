#pragma once
// Loaded datasets as the training worker and the image fetcher keep them: a few at a time,
// found again by normlab::dataKey, and their sample images turned into QImages.

#include "normlab/Engine.h"
#include "session/SharedData.h"

#include <QImage>

#include <list>
#include <string>
#include <utility>

/// Datasets by normlab::dataKey, most recently used first. Two entries: a CIFAR-10 load is
/// ~180 MB.
class DatasetCache
{
public:
    static constexpr size_t kEntries = 2;

    /// The dataset stored under `key`, now the most recently used; null when there is none.
    SharedData find(const std::string &key);
    /// Stores `data` under `key` as the most recently used, replacing what was stored under it
    /// and dropping the least recently used beyond kEntries.
    void put(const std::string &key, const SharedData &data);
    /// True when `key` is the most recently used entry.
    bool isNewest(const std::string &key) const;

private:
    std::list<std::pair<std::string, SharedData>> m_entries;
};

/// A copy of the sample's RGB pixels, independent of the vector that goes away.
QImage toQImage(const normlab::SampleImage &sample);

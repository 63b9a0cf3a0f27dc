#pragma once
// Model files and checkpoints as PyTorch archives: one dictionary written by torch::pickle_save
// (torch.save's zip layout, so Python's torch.load opens it) and read by torch::pickle_load.
// Includes torch: keep out of headers that moc reads.

#include "model/Model.h"
#include "normlab/ModelFile.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace normlab {

using ArchiveDict = c10::impl::GenericDict;
using StateDict = c10::Dict<std::string, at::Tensor>;

constexpr const char *kModelFormat = "normlab-model";
constexpr const char *kCheckpointFormat = "normlab-checkpoint";

/// An empty dictionary of string keys and values of any type.
ArchiveDict newArchiveDict();
/// A dictionary with "format", "format_version" and "normlab_version" set.
ArchiveDict newArchive(const std::string &format, int64_t version);

/// Writes `dict` to `path` atomically: a temporary file beside it, then a rename, so a kill
/// during the write leaves the previous file intact. Throws InputError naming the file.
void writeArchive(const std::string &path, const ArchiveDict &dict);

/// Reads a dictionary archive. `formats` are the accepted "format" values, each with the newest
/// version read. Throws InputError naming the file: not a PyTorch archive, truncated, not
/// NormLab's, or a newer format version.
ArchiveDict readArchive(const std::string &path,
                        const std::vector<std::pair<std::string, int64_t>> &formats);

/// Typed access to an archive's entries; a missing entry or one of the wrong type throws
/// InputError naming the file and the key.
class ArchiveReader
{
public:
    ArchiveReader(ArchiveDict dict, std::string origin)
        : dict_(std::move(dict)), origin_(std::move(origin))
    {
    }
    bool has(const std::string &key) const { return dict_.contains(key); }
    std::string text(const std::string &key) const;
    int64_t integer(const std::string &key) const;
    double number(const std::string &key) const;
    bool flag(const std::string &key) const;
    at::Tensor tensor(const std::string &key) const;
    std::vector<std::string> texts(const std::string &key) const;
    std::vector<double> numbers(const std::string &key) const;
    StateDict state(const std::string &key) const;
    ArchiveReader child(const std::string &key) const;
    const std::string &origin() const { return origin_; }
    [[noreturn]] void fail(const std::string &problem) const;

private:
    c10::IValue value(const std::string &key) const;
    ArchiveDict dict_;
    std::string origin_;
};

/// The model's parameters and buffers by name ("block1.conv.weight", "block1.norm.running_mean"):
/// the names a PyTorch module of the same layout uses. Detached clones.
StateDict stateDict(const NormCnn &model);
/// Copies `state` into the model. Throws InputError naming `origin` unless the names, shapes and
/// types match the model's exactly.
void loadStateDict(NormCnn &model, const StateDict &state, const std::string &origin);

/// The model file's "metadata" entry: what rebuilding and feeding the network needs.
ArchiveDict modelMetadata(const ModelInfo &info);
/// Reads it back (with the file's format and version); throws InputError naming the file.
ModelInfo readModelMetadata(const ArchiveReader &archive);

} // namespace normlab

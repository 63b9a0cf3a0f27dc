#include "distributed/SweepStore.h"

#include "normlab/Errors.h"

namespace normlab::distributed {
namespace {

// How long one store operation may take before it counts as a lost connection.
constexpr std::chrono::seconds kOperationTimeout{30};

std::vector<uint8_t> bytes(const std::string &text)
{
    return {text.begin(), text.end()};
}

} // namespace

SweepStore::SweepStore(c10::intrusive_ptr<c10d::TCPStore> tcp, const std::string &token)
    : tcp_(std::move(tcp)), port_(tcp_->getPort())
{
    // The token is the prefix: without it a client sees none of the sweep's keys.
    store_ = c10::make_intrusive<c10d::PrefixStore>("normlab/" + token + "/sweep", tcp_);
}

SweepStore SweepStore::host(const std::string &host, int port, const std::string &token)
{
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(port);
    options.isServer = true;
    options.waitWorkers = false;
    options.timeout = kOperationTimeout;
    try {
        // The hosting process talks to its own store over loopback whatever `host` is.
        return SweepStore(c10::make_intrusive<c10d::TCPStore>("127.0.0.1", options), token);
    } catch (const std::exception &error) {
        throw InputError("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                         error.what());
    }
}

SweepStore SweepStore::connect(const std::string &host, int port, const std::string &token,
                               std::chrono::milliseconds timeout)
{
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(port);
    options.isServer = false;
    options.waitWorkers = false;
    options.timeout = timeout;
    try {
        auto tcp = c10::make_intrusive<c10d::TCPStore>(host, options);
        tcp->setTimeout(kOperationTimeout);
        return SweepStore(std::move(tcp), token);
    } catch (const std::exception &) {
        throw InputError("cannot reach the coordinator at " + host + ":" + std::to_string(port) +
                         " within " + std::to_string(timeout.count() / 1000) +
                         " s (is `normlab-cli sweep --listen` running there?)");
    }
}

void SweepStore::set(const std::string &key, const std::string &value)
{
    store_->set(key, bytes(value));
}

std::string SweepStore::get(const std::string &key)
{
    const std::vector<uint8_t> value = store_->get(key);
    return {value.begin(), value.end()};
}

int64_t SweepStore::add(const std::string &key, int64_t delta)
{
    return store_->add(key, delta);
}

bool SweepStore::has(const std::string &key)
{
    return store_->check({key});
}

std::string slotKey(int64_t slot, const std::string &what)
{
    return "slot/" + std::to_string(slot) + "/" + what;
}

std::string workerKey(int64_t worker, const std::string &what)
{
    return "worker/" + std::to_string(worker) + "/" + what;
}

} // namespace normlab::distributed

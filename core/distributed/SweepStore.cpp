#include "distributed/SweepStore.h"

#include "normlab/Errors.h"

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace normlab::distributed {
namespace {

// How long one store operation may take before it counts as a lost connection.
constexpr std::chrono::seconds kOperationTimeout{30};

std::vector<uint8_t> bytes(const std::string &text)
{
    return {text.begin(), text.end()};
}

// What tells this machine's boot and pid namespace apart from others': a boot id is random per
// boot (two machines with one host name still differ), a pid namespace per container.
std::string machineAndNamespace()
{
    std::string bootId;
    std::ifstream("/proc/sys/kernel/random/boot_id") >> bootId;
    char pidNamespace[64] = {};
    if (readlink("/proc/self/ns/pid", pidNamespace, sizeof pidNamespace - 1) <= 0 || bootId.empty())
        return "? ?";
    return bootId + " " + pidNamespace;
}

} // namespace

std::string processIdentity()
{
    return machineAndNamespace() + " " + std::to_string(getpid());
}

int localProcessId(const std::string &identity)
{
    std::istringstream fields(identity);
    std::string bootId, pidNamespace;
    int pid = 0;
    fields >> bootId >> pidNamespace >> pid;
    const std::string here = machineAndNamespace();
    if (!fields || pid <= 0 || here == "? ?" || bootId + " " + pidNamespace != here)
        return 0;
    return pid;
}

bool processAlive(int pid)
{
    // /proc/PID/stat: "PID (name) STATE ..."; the name may hold spaces and parentheses.
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(stat, text);
    const size_t close = text.rfind(") ");
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z' &&
           text[close + 2] != 'X';
}

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

void SweepStore::erase(const std::string &key)
{
    store_->deleteKey(key);
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

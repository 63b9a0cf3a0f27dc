// The rank's rendezvous: a c10d TCPStore hosted by rank 0, and a ProcessGroupGloo over it
// (normlab/DataParallel.h). The only file that needs USE_C10D_GLOO (core/CMakeLists.txt).

#include "distributed/DataParallel.h"

#include "normlab/Distributed.h"
#include "normlab/Errors.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>

#include <chrono>
#include <cstdlib>
#include <sstream>

namespace normlab {
namespace {

std::chrono::milliseconds milliseconds(double seconds)
{
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

std::string seconds(double value)
{
    std::ostringstream text;
    text << value << " s";
    return text.str();
}

std::string masterAddress(const DataParallelSettings &settings)
{
    return settings.masterHost + ":" + std::to_string(settings.masterPort);
}

// The network device Gloo's pairs use: loopback for a local run; otherwise the interface
// $NORMLAB_GLOO_IFNAME names, or the address this machine's hostname resolves to.
std::shared_ptr<gloo::transport::Device> glooDevice(const DataParallelSettings &settings)
{
    if (isLoopbackHost(settings.masterHost))
        return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
    if (const char *interface = std::getenv("NORMLAB_GLOO_IFNAME"))
        return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
    return c10d::ProcessGroupGloo::createDefaultDevice();
}

std::string reason(const std::exception &error)
{
    const auto *torchError = dynamic_cast<const c10::Error *>(&error);
    return torchError ? torchError->what_without_backtrace() : error.what();
}

void checkRanks(const DataParallelSettings &settings)
{
    if (settings.world < 1)
        throw InputError("--world: " + std::to_string(settings.world) + " must be at least 1");
    if (settings.rank < 0 || settings.rank >= settings.world)
        throw InputError("--rank: " + std::to_string(settings.rank) + " must be from 0 to " +
                         std::to_string(settings.world - 1) + " (below --world " +
                         std::to_string(settings.world) + ")");
}

} // namespace

DataParallelGroup::DataParallelGroup(const DataParallelSettings &settings)
    : impl_(std::make_unique<Impl>())
{
    checkRanks(settings);
    impl_->settings = settings;
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(settings.masterPort);
    options.isServer = settings.rank == 0;
    options.waitWorkers = false;
    options.timeout = milliseconds(settings.connectTimeoutSeconds);
    try {
        // Rank 0 talks to the store it hosts over loopback, whatever address the others use.
        impl_->store = c10::make_intrusive<c10d::TCPStore>(
            settings.rank == 0 ? std::string("127.0.0.1") : settings.masterHost, options);
    } catch (const std::exception &error) {
        if (settings.rank == 0)
            throw InputError("--master: cannot listen on " + masterAddress(settings) + ": " +
                             reason(error));
        throw InputError("--master: nothing answers at " + masterAddress(settings) + " within " +
                         seconds(settings.connectTimeoutSeconds) + " (is rank 0 running there?)");
    }
    impl_->store->setTimeout(milliseconds(settings.joinTimeoutSeconds));
    impl_->settings.masterPort = impl_->store->getPort();
}

DataParallelGroup::~DataParallelGroup() = default;

int DataParallelGroup::port() const
{
    return impl_->settings.masterPort;
}

void DataParallelGroup::join()
{
    const DataParallelSettings &settings = impl_->settings;
    try {
        auto options =
            c10d::ProcessGroupGloo::Options::create(milliseconds(settings.joinTimeoutSeconds));
        options->devices.push_back(glooDevice(settings));
        auto store = c10::make_intrusive<c10d::PrefixStore>("normlab/data-parallel", impl_->store);
        impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(store, settings.rank,
                                                                   settings.world, options);
    } catch (const std::exception &error) {
        throw InputError("--world " + std::to_string(settings.world) + ": the ranks did not all " +
                         "join through " + masterAddress(settings) + " within " +
                         seconds(settings.joinTimeoutSeconds) + " (" + reason(error) + ")");
    }
}

void DataParallelGroup::Impl::sum(torch::Tensor &tensor)
{
    std::vector<torch::Tensor> tensors{tensor};
    group->allreduce(tensors)->wait();
}

void DataParallelGroup::Impl::broadcast(torch::Tensor &tensor)
{
    std::vector<torch::Tensor> tensors{tensor};
    group->broadcast(tensors)->wait();
}

} // namespace normlab

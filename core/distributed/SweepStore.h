#pragma once
// A sweep's keys in a c10d store: the key names the coordinator and the workers share, and text
// get/set/add over a PrefixStore (token + "/sweep/"), so neither side handles bytes or sockets.
//
// Keys (all under the prefix):
//   protocol                 kProtocol, set first: a worker with the wrong token never sees it
//   runs                     number of runs in the sweep
//   queue/length             slots filled so far (the coordinator appends retried runs)
//   queue/<s>                "<run index> <attempt>", "skip" (a slot claimed by a lost worker) or
//                            kEndOfQueue (the sweep is over: the worker leaves)
//   queue/claimed            counter: a worker claims slot `add(claimed, 1) - 1`
//   workers                  counter: a worker's id is `add(workers, 1) - 1`
//   worker/<w>/process       processIdentity(): a coordinator on the same machine sees it end
//   worker/<w>/hello         "host pid threads", for the coordinator's log
//   worker/<w>/beat          counter the worker adds 1 to every second
//   worker/<w>/slot          the slot the worker claimed last
//   slot/<s>/worker          the worker that claimed slot s
//   slot/<s>/epochs          counter: epochs published; slot/<s>/epoch/<e> their metrics
//   slot/<s>/messages        counter: messages published; slot/<s>/message/<m> their text
//   slot/<s>/info            the run's RunInfo (SeriesJson.h), when it starts training
//   slot/<s>/series          counter: chunks published; slot/<s>/series/<c> batch losses, layer
//                            statistics and gradient norms of ~0.2 s (SeriesJson.h)
//   slot/<s>/posted          counter the worker adds 1 to after every key it writes under the
//                            slot: the coordinator reads the others only when it moved
//   slot/<s>/result          the run's result (RunJson.h), written last
//   run/<r>                  run r's configuration (ConfigJson)
//   run/<r>/checkpoint       run r's latest checkpoint (the file's bytes), overwritten each epoch
//   run/<r>/checkpoint-epoch its epoch, written after it
//   news                     counter every worker adds 1 to after it publishes anything: the
//                            coordinator checks it often and reads the slots when it moved
//   stop                     set when the sweep is cancelled: workers cancel their runs
//   done                     set when every run has a result: workers leave

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace normlab::distributed {

constexpr const char *kProtocol = "normlab-sweep-2"; // 2: posted counters, series, checkpoints
constexpr const char *kEndOfQueue = "end";

class SweepStore
{
public:
    /// Hosts the store on `port` (0: any free port), reachable at `host`. Throws InputError.
    static SweepStore host(const std::string &host, int port, const std::string &token);
    /// Connects to a hosted store, trying for `timeout`. Throws InputError naming the address.
    static SweepStore connect(const std::string &host, int port, const std::string &token,
                              std::chrono::milliseconds timeout);

    void set(const std::string &key, const std::string &value);
    std::string get(const std::string &key);
    int64_t add(const std::string &key, int64_t delta);
    int64_t counter(const std::string &key) { return add(key, 0); }
    bool has(const std::string &key);
    void erase(const std::string &key);
    int port() const { return port_; }

private:
    SweepStore(c10::intrusive_ptr<c10d::TCPStore> tcp, const std::string &token);

    c10::intrusive_ptr<c10d::TCPStore> tcp_;
    c10::intrusive_ptr<c10d::PrefixStore> store_;
    int port_ = 0;
};

/// "<boot id> <pid namespace> <pid>" of this process: a coordinator in the same machine and pid
/// namespace can then see a worker's process end (kill -9) at once instead of waiting for its
/// heartbeat to time out.
std::string processIdentity();
/// The pid that `identity` names when that process lives in this machine and pid namespace;
/// 0 otherwise (another machine or container, or an identity it cannot read).
int localProcessId(const std::string &identity);
/// False once process `pid` has ended, also while it is a zombie its parent has not reaped.
bool processAlive(int pid);

std::string slotKey(int64_t slot, const std::string &what);
std::string workerKey(int64_t worker, const std::string &what);

} // namespace normlab::distributed

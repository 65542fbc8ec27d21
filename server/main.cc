// shuyuan-server: the registry and the codec over gRPC (SPEC §4).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "server/server.h"
#include "server/server_options.h"

namespace {

// Blocks the signals the server handles in every thread; the signal thread
// takes them with sigwait, so no handler runs in the middle of gRPC's work.
sigset_t HandledSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<shuyuan::server::ServerOptions> options =
      shuyuan::server::ParseServerFlags(args);
  if (!options.ok()) {
    std::cerr << "error: " << options.status().message() << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << shuyuan::server::ServerUsage();
    return 0;
  }
  const sigset_t signals = HandledSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that goes away mid-write must not kill the server.
  signal(SIGPIPE, SIG_IGN);

  absl::StatusOr<std::unique_ptr<shuyuan::server::Server>> server =
      shuyuan::server::Server::Start(*options);
  if (!server.ok()) {
    std::cerr << "error: " << server.status().message() << "\n";
    return absl::IsInvalidArgument(server.status()) ||
                   absl::IsFailedPrecondition(server.status())
               ? 2
               : 4;
  }
  const auto& seeded = (*server)->seed_report();
  std::fprintf(stderr, "shuyuan-server listening on %s (store %s%s%s; %s)\n",
               (*server)->address().c_str(), options->data_dir.c_str(),
               options->seed.empty() ? "" : ", seeded from ",
               options->seed.c_str(),
               options->tokens.empty() ? "no tokens file: loopback only"
                                       : "bearer tokens required");
  if (!options->seed.empty()) {
    std::fprintf(stderr, "seed: %d created, %d unchanged, %d promoted\n",
                 seeded.created, seeded.unchanged, seeded.promoted);
  }
  std::fflush(stderr);

  std::thread signal_thread([&] {
    for (;;) {
      int signal_number = 0;
      if (sigwait(&signals, &signal_number) != 0) continue;
      if (signal_number == SIGHUP) {
        const absl::Status reloaded = (*server)->ReloadTokens();
        std::fprintf(stderr, "SIGHUP: tokens %s\n",
                     reloaded.ok() ? "reloaded"
                                   : std::string(reloaded.message()).c_str());
        continue;
      }
      std::fprintf(stderr, "%s: finishing in-flight calls, closing the store\n",
                   signal_number == SIGINT ? "SIGINT" : "SIGTERM");
      // A second signal while shutting down exits at once.
      std::thread([&] {
        int again = 0;
        while (sigwait(&signals, &again) == 0) {
          if (again != SIGHUP) _exit(130);
        }
      }).detach();
      (*server)->Shutdown();
      return;
    }
  });
  (*server)->Wait();
  signal_thread.join();
  std::fprintf(stderr, "shuyuan-server stopped\n");
  return 0;
}

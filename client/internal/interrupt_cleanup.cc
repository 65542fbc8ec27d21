#include "client/internal/interrupt_cleanup.h"

#include <limits.h>
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iterator>

namespace shuyuan::client_internal {
namespace {

// The registry lives in static storage so that the handler can read it
// without allocating or locking: a slot's path is written while the slot
// is claimed (kWriting) and published with a release store (kReady).
constexpr int kSlots = 32;
enum SlotState : int { kFree = 0, kWriting = 1, kReady = 2 };
std::atomic<int> slot_state[kSlots];
char slot_path[kSlots][PATH_MAX];

char note[128];  // "\nCOMMAND: interrupted\n"
size_t note_length = 0;
std::atomic<int> handling{0};
std::atomic<int> cleaned{0};

static_assert(std::atomic<int>::is_always_lock_free,
              "the handler needs lock-free atomics");

void RemoveRegistered() {
  for (int i = 0; i < kSlots; ++i) {
    if (slot_state[i].load(std::memory_order_acquire) == kReady) {
      unlink(slot_path[i]);
    }
  }
}

// Only async-signal-safe calls: unlink, write, sigaction, raise.
void OnInterrupt(int signal_number) {
  if (handling.exchange(1) == 0) {
    RemoveRegistered();
    if (note_length > 0) {
      const ssize_t ignored = write(STDERR_FILENO, note, note_length);
      (void)ignored;
    }
    cleaned.store(1);
  } else {
    // Another thread is cleaning up: let it finish before dying.
    while (cleaned.load() == 0) {
    }
  }
  struct sigaction default_action;
  std::memset(&default_action, 0, sizeof(default_action));
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(signal_number, &default_action, nullptr);
  // Blocked while this handler runs; delivered, with its default action
  // (the end of the process), as soon as it returns.
  raise(signal_number);
}

sigset_t InterruptSet() {
  sigset_t set;
  sigemptyset(&set);
  for (int signal_number : kInterruptSignals) sigaddset(&set, signal_number);
  return set;
}

}  // namespace

int RegisterTempFile(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = kFree;
    if (!slot_state[i].compare_exchange_strong(expected, kWriting)) continue;
    std::memcpy(slot_path[i], path.c_str(), path.size() + 1);
    slot_state[i].store(kReady, std::memory_order_release);
    return i;
  }
  return -1;
}

void UnregisterTempFile(int slot) {
  if (slot >= 0 && slot < kSlots) slot_state[slot].store(kFree);
}

ScopedInterruptCleanup::ScopedInterruptCleanup(const std::string& command) {
  const std::string text = "\n" + command + ": interrupted\n";
  note_length = std::min(text.size(), sizeof(note));
  std::memcpy(note, text.data(), note_length);
  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = OnInterrupt;
  action.sa_mask = InterruptSet();  // one handler at a time per thread
  for (size_t i = 0; i < std::size(kInterruptSignals); ++i) {
    sigaction(kInterruptSignals[i], nullptr, &previous_[i]);
    if (previous_[i].sa_handler == SIG_IGN) continue;  // nohup, bg jobs
    sigaction(kInterruptSignals[i], &action, nullptr);
  }
}

ScopedInterruptCleanup::~ScopedInterruptCleanup() {
  for (size_t i = 0; i < std::size(kInterruptSignals); ++i) {
    sigaction(kInterruptSignals[i], &previous_[i], nullptr);
  }
}

ScopedInterruptBlock::ScopedInterruptBlock() {
  const sigset_t set = InterruptSet();
  pthread_sigmask(SIG_BLOCK, &set, &previous_);
}

ScopedInterruptBlock::~ScopedInterruptBlock() {
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace shuyuan::client_internal

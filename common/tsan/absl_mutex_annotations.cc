// ThreadSanitizer builds only (SHUYUAN_TSAN): tells TSan about absl::Mutex.
//
// Debian's Abseil is a shared library built without -fsanitize=thread, so
// TSan cannot see absl::Mutex lock and unlock, and every access that the
// mutex guards would look like a race. The linker (-Wl,--wrap, set in the
// top-level CMakeLists.txt) routes our calls of the Mutex members we use to
// these wrappers, which call the real member and add the happens-before
// edges a mutex gives: acquire after taking it, release before giving it
// up. Await gives the mutex up while it waits, so it releases before and
// acquires after; and since absl evaluates a waiter's Condition while it
// holds the mutex — on the waiting thread or on whichever thread unlocks —
// the Condition is wrapped to acquire and release around its evaluation.
// Races in our own code between threads that do not share the mutex are
// still reported.
#include <sanitizer/tsan_interface.h>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace {

// A Condition evaluated as if under `mu` from TSan's point of view.
struct AnnotatedCondition {
  absl::Mutex* mu;
  const absl::Condition* condition;
  static bool Eval(AnnotatedCondition* self) {
    __tsan_acquire(self->mu);
    const bool result = self->condition->Eval();
    __tsan_release(self->mu);
    return result;
  }
};

// absl's own deadlock detector (on in Debian's build) keeps a graph in
// uninstrumented code that TSan would report against itself; TSan detects
// lock-order inversions on its own (detect_deadlocks), so the build
// switches absl's off before main.
const bool kAbslDeadlockDetectionOff = [] {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return true;
}();

}  // namespace

// The real members, as the linker names them under --wrap.
extern "C" {
void __real__ZN4absl7debian35Mutex4LockEv(absl::Mutex* mu);
void __real__ZN4absl7debian35Mutex6UnlockEv(absl::Mutex* mu);
void __real__ZN4absl7debian35Mutex5AwaitERKNS0_9ConditionE(
    absl::Mutex* mu, const absl::Condition& cond);
bool __real__ZN4absl7debian35Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE(
    absl::Mutex* mu, const absl::Condition& cond, absl::Time deadline);

void __wrap__ZN4absl7debian35Mutex4LockEv(absl::Mutex* mu) {
  __real__ZN4absl7debian35Mutex4LockEv(mu);
  __tsan_acquire(mu);
}

void __wrap__ZN4absl7debian35Mutex6UnlockEv(absl::Mutex* mu) {
  __tsan_release(mu);
  __real__ZN4absl7debian35Mutex6UnlockEv(mu);
}

void __wrap__ZN4absl7debian35Mutex5AwaitERKNS0_9ConditionE(
    absl::Mutex* mu, const absl::Condition& cond) {
  AnnotatedCondition annotated{mu, &cond};
  __tsan_release(mu);
  __real__ZN4absl7debian35Mutex5AwaitERKNS0_9ConditionE(
      mu, absl::Condition(&AnnotatedCondition::Eval, &annotated));
  __tsan_acquire(mu);
}

bool __wrap__ZN4absl7debian35Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE(
    absl::Mutex* mu, const absl::Condition& cond, absl::Time deadline) {
  AnnotatedCondition annotated{mu, &cond};
  __tsan_release(mu);
  const bool met =
      __real__ZN4absl7debian35Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE(
          mu, absl::Condition(&AnnotatedCondition::Eval, &annotated), deadline);
  __tsan_acquire(mu);
  return met;
}
}

// Interruption without leftovers (SPEC §6): while a ScopedInterruptCleanup
// lives, SIGINT, SIGTERM, SIGHUP and SIGPIPE remove every temporary file
// registered with RegisterTempFile and then end the process at once, as
// the signal itself would have (a shell sees exit status 128 + signal).
// Outputs created unnamed (O_TMPFILE, see output_file.h) need no
// registration: the kernel drops them when the process dies. So a first
// Ctrl-C already exits at once and leaves nothing behind.
//
//   ScopedInterruptCleanup cleanup("normalize");   // installs the handlers
//   int slot;
//   {
//     ScopedInterruptBlock block;                   // no signal in between
//     fd = mkostemp(name, O_CLOEXEC);
//     slot = RegisterTempFile(name);
//   }
//   ...
//   UnregisterTempFile(slot);                       // renamed or removed
//
// Thread safety: RegisterTempFile and UnregisterTempFile are thread-safe
// and may race with the handler (on any thread). At most one
// ScopedInterruptCleanup exists at a time; it restores the previous
// dispositions when it goes away, and leaves ignored signals ignored
// (nohup, background jobs).
#ifndef SHUYUAN_CLIENT_INTERNAL_INTERRUPT_CLEANUP_H_
#define SHUYUAN_CLIENT_INTERNAL_INTERRUPT_CLEANUP_H_

#include <signal.h>

#include <string>

namespace shuyuan::client_internal {

// The signals that end a run: SIGINT, SIGTERM, SIGHUP, SIGPIPE.
inline constexpr int kInterruptSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

// Registers a temporary file for removal by the handler. Returns the slot to
// pass to UnregisterTempFile, or -1 when the path is too long or too many
// files are registered (the file is then not removed on a signal). Call it
// inside a ScopedInterruptBlock together with the file's creation, so that
// no signal falls in between.
int RegisterTempFile(const std::string& path);
// Forgets a slot (after the file was renamed into place or removed); -1 is
// ignored.
void UnregisterTempFile(int slot);

// Installs the handlers; not copyable.
class ScopedInterruptCleanup {
 public:
  // `command` starts the one-line note the handler writes to standard
  // error ("normalize: interrupted").
  explicit ScopedInterruptCleanup(const std::string& command);
  ~ScopedInterruptCleanup();
  ScopedInterruptCleanup(const ScopedInterruptCleanup&) = delete;
  ScopedInterruptCleanup& operator=(const ScopedInterruptCleanup&) = delete;

 private:
  struct sigaction previous_[sizeof(kInterruptSignals) / sizeof(int)];
};

// Blocks the interrupt signals in the calling thread while it lives, so
// that a step made of several system calls (create and register, link and
// rename) is not cut in the middle; a signal that arrives meanwhile is
// handled when the block ends. Not copyable.
class ScopedInterruptBlock {
 public:
  ScopedInterruptBlock();
  ~ScopedInterruptBlock();
  ScopedInterruptBlock(const ScopedInterruptBlock&) = delete;
  ScopedInterruptBlock& operator=(const ScopedInterruptBlock&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace shuyuan::client_internal

#endif  // SHUYUAN_CLIENT_INTERNAL_INTERRUPT_CLEANUP_H_

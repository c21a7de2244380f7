#ifndef LEADQ_SIGNALS_H
#define LEADQ_SIGNALS_H

#include <stddef.h>

/* Signal handling for the curses screen, in C because a handler may only touch
   async-signal-safe things (sig_atomic_t flags, write, tcsetattr, raise), which Swift code
   cannot promise.

   - SIGINT, SIGTERM, SIGHUP, SIGQUIT only record the signal; the key loop picks it up
     (leadq_signals_take_termination) and restores the terminal on the normal path. If a
     second one arrives before the first was taken (the app is stuck), the handler restores the
     terminal itself and lets the signal kill the process.
   - SIGTSTP (Ctrl-Z) is recorded too; the key loop leaves curses and stops the process
     (leadq_signals_stop). Not ncurses' handler: ncurses ignores SIGTSTP while it writes a frame,
     and a Ctrl-Z typed then was lost. With this handler installed first, ncurses leaves SIGTSTP
     alone. While the terminal is handed to another program, SIGTSTP stops the process at once.
   - SIGCONT (after Ctrl-Z / fg) is recorded so the app can repaint.
   - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP (crashes, including Swift traps) restore
     the terminal, replay captured stderr, and then die as they would have.

   Install before newterm(): ncurses only installs its own SIGINT/SIGTERM handlers where the
   disposition is still the default. */

/* Records the terminal modes of tty_fd (restored in an emergency) and installs the handlers.
   Returns 0, or -1 with errno set. */
int leadq_signals_install(int tty_fd);

/* Restores the handlers that were there before leadq_signals_install. */
void leadq_signals_uninstall(void);

/* Bytes written to tty_fd in an emergency before the modes are restored (e.g. the terminfo
   sgr0, cnorm and rmcup strings). At most 511 bytes are kept. */
void leadq_signals_set_reset_sequence(const char *bytes, size_t length);

/* The pending termination signal (SIGINT, SIGTERM, SIGHUP or SIGQUIT), or 0; clears it. */
int leadq_signals_take_termination(void);

/* 1 if Ctrl-Z (SIGTSTP) arrived since the last call, else 0; clears it. */
int leadq_signals_take_stop(void);

/* Stops the process as Ctrl-Z would, returning once it is continued (fg). */
void leadq_signals_stop(void);

/* Whether a SIGTSTP stops the process at once (nonzero: the terminal is another program's)
   rather than being recorded for the key loop. */
void leadq_signals_stop_at_once(int yes);

/* 1 if the process was continued (SIGCONT) since the last call, else 0; clears it. */
int leadq_signals_take_continued(void);

/* Sends stderr to an unlinked temporary file in directory tmp_dir while curses owns the
   screen, so stray diagnostics cannot scribble over it. Returns 0, or -1 (stderr unchanged). */
int leadq_signals_capture_stderr(const char *tmp_dir);

/* Points stderr back at the terminal and copies what was captured to it. */
void leadq_signals_release_stderr(void);

#endif

#define _GNU_SOURCE
#include "leadq_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int termination_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static volatile sig_atomic_t pending_termination = 0;
static volatile sig_atomic_t continued = 0;
static volatile sig_atomic_t pending_stop = 0;
/* Set while the app stops itself (leadq_signals_stop) or has handed the terminal to another
   program: a SIGTSTP then stops the process at once. */
static volatile sig_atomic_t stop_at_once = 0;

static int tty = -1;
static struct termios saved_modes;
static volatile sig_atomic_t have_modes = 0;
static char reset_sequence[512];
static volatile sig_atomic_t reset_length = 0;

static int capture_fd = -1;        /* the temporary file stderr goes to */
static int real_stderr_fd = -1;    /* the terminal, dup'ed */

static struct sigaction previous_termination[COUNT(termination_signals)];
static struct sigaction previous_crash[COUNT(crash_signals)];
static struct sigaction previous_cont;
static struct sigaction previous_stop;
static struct sigaction stop_action;
static int installed = 0;

/* Everything below is async-signal-safe: write, tcsetattr, dup2, lseek, read. */

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

static void replay_captured_stderr(void) {
    if (capture_fd < 0 || real_stderr_fd < 0) return;
    dup2(real_stderr_fd, STDERR_FILENO);
    if (lseek(capture_fd, 0, SEEK_SET) < 0) return;
    char buffer[4096];
    for (;;) {
        ssize_t n = read(capture_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        write_all(STDERR_FILENO, buffer, (size_t)n);
    }
}

static void emergency_restore(void) {
    if (tty >= 0 && reset_length > 0) write_all(tty, reset_sequence, (size_t)reset_length);
    if (tty >= 0 && have_modes) tcsetattr(tty, TCSANOW, &saved_modes);
    replay_captured_stderr();
}

static void on_termination(int sig) {
    int saved_errno = errno;
    if (pending_termination != 0) {
        /* The first request was never taken: the app is not reading keys. Restore and die. */
        emergency_restore();
        struct sigaction fallback;
        memset(&fallback, 0, sizeof fallback);
        fallback.sa_handler = SIG_DFL;
        sigemptyset(&fallback.sa_mask);
        sigaction(sig, &fallback, NULL);
        raise(sig); /* blocked while we run; delivered, with the default action, on return */
    } else {
        pending_termination = sig;
    }
    errno = saved_errno;
}

static void on_continue(int sig) {
    (void)sig;
    continued = 1;
}

/* SA_NODEFER, so the raise below stops the process here and returns after SIGCONT. */
static void on_stop(int sig) {
    int saved_errno = errno;
    if (stop_at_once) {
        struct sigaction stop_now;
        memset(&stop_now, 0, sizeof stop_now);
        stop_now.sa_handler = SIG_DFL;
        sigemptyset(&stop_now.sa_mask);
        sigaction(sig, &stop_now, NULL);
        raise(sig);
        sigaction(sig, &stop_action, NULL);
    } else {
        pending_stop = 1;
    }
    errno = saved_errno;
}

static void on_crash(int sig) {
    /* SA_RESETHAND has put the default action back; returning re-raises the fault (or, for
       abort(), lets abort raise it again), so the process still dies of its own signal. */
    int saved_errno = errno;
    emergency_restore();
    if (sig == SIGTRAP || sig == SIGABRT) raise(sig);
    errno = saved_errno;
}

int leadq_signals_install(int tty_fd) {
    if (installed) return 0;
    tty = tty_fd;
    if (tcgetattr(tty_fd, &saved_modes) == 0) have_modes = 1;
    pending_termination = 0;
    continued = 0;

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    /* No SA_RESTART: a blocked read returns EINTR, so the key loop sees the flag promptly. */
    action.sa_flags = 0;
    action.sa_handler = on_termination;
    for (size_t i = 0; i < COUNT(termination_signals); i++) {
        if (sigaction(termination_signals[i], &action, &previous_termination[i]) != 0) return -1;
    }
    action.sa_handler = on_continue;
    if (sigaction(SIGCONT, &action, &previous_cont) != 0) return -1;
    stop_action = action;
    stop_action.sa_handler = on_stop;
    stop_action.sa_flags = SA_NODEFER;
    pending_stop = 0;
    stop_at_once = 0;
    if (sigaction(SIGTSTP, &stop_action, &previous_stop) != 0) return -1;

    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (size_t i = 0; i < COUNT(crash_signals); i++) {
        if (sigaction(crash_signals[i], &action, &previous_crash[i]) != 0) return -1;
    }
    installed = 1;
    return 0;
}

void leadq_signals_uninstall(void) {
    if (!installed) return;
    for (size_t i = 0; i < COUNT(termination_signals); i++) sigaction(termination_signals[i], &previous_termination[i], NULL);
    for (size_t i = 0; i < COUNT(crash_signals); i++) sigaction(crash_signals[i], &previous_crash[i], NULL);
    sigaction(SIGCONT, &previous_cont, NULL);
    sigaction(SIGTSTP, &previous_stop, NULL);
    installed = 0;
    reset_length = 0;
    have_modes = 0;
}

void leadq_signals_set_reset_sequence(const char *bytes, size_t length) {
    reset_length = 0;
    if (length > sizeof reset_sequence) length = sizeof reset_sequence;
    memcpy(reset_sequence, bytes, length);
    reset_length = (sig_atomic_t)length;
}

int leadq_signals_take_termination(void) {
    int sig = pending_termination;
    pending_termination = 0;
    return sig;
}

int leadq_signals_take_stop(void) {
    int was = pending_stop;
    pending_stop = 0;
    return was;
}

void leadq_signals_stop(void) {
    stop_at_once = 1;
    raise(SIGTSTP);
    stop_at_once = 0;
}

void leadq_signals_stop_at_once(int yes) { stop_at_once = yes ? 1 : 0; }

int leadq_signals_take_continued(void) {
    int was = continued;
    continued = 0;
    return was;
}

int leadq_signals_capture_stderr(const char *tmp_dir) {
    if (capture_fd >= 0) return 0;
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/leadq-stderr-XXXXXX", tmp_dir && *tmp_dir ? tmp_dir : "/tmp");
    if (n < 0 || (size_t)n >= sizeof path) return -1;
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    unlink(path);
    int saved = dup(STDERR_FILENO);
    if (saved < 0) {
        close(fd);
        return -1;
    }
    fflush(stderr);
    if (dup2(fd, STDERR_FILENO) < 0) {
        close(fd);
        close(saved);
        return -1;
    }
    fcntl(saved, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    capture_fd = fd;
    real_stderr_fd = saved;
    return 0;
}

void leadq_signals_release_stderr(void) {
    if (capture_fd < 0) return;
    fflush(stderr);
    replay_captured_stderr();
    close(capture_fd);
    close(real_stderr_fd);
    capture_fd = -1;
    real_stderr_fd = -1;
}

/* cleanup.c - see cleanup.h. The handler only calls unlink, signal and
 * raise (async-signal-safe) on paths copied into static storage. */
#include "cleanup.h"

#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "options.h"

static char paths[CLI_MAX_OUTPUTS][PATH_MAX];
static volatile sig_atomic_t used[CLI_MAX_OUTPUTS];

static void on_signal(int sig)
{
    for (int i = 0; i < CLI_MAX_OUTPUTS; i++)
        if (used[i])
            unlink(paths[i]);
    signal(sig, SIG_DFL); /* then stop as the signal would have */
    raise(sig);
}

void cli_cleanup_init(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

int cli_cleanup_add(const char *path)
{
    size_t n = strlen(path);
    for (int i = 0; i < CLI_MAX_OUTPUTS; i++)
        if (!used[i] && n < sizeof paths[i]) {
            memcpy(paths[i], path, n + 1);
            used[i] = 1;
            return 1;
        }
    return 0;
}

static sigset_t stopping(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

void cli_cleanup_hold(void)
{
    sigset_t set = stopping();
    sigprocmask(SIG_BLOCK, &set, NULL);
}

void cli_cleanup_release(void)
{
    sigset_t set = stopping();
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void cli_cleanup_forget(const char *path)
{
    for (int i = 0; i < CLI_MAX_OUTPUTS; i++)
        if (used[i] && strcmp(paths[i], path) == 0)
            used[i] = 0;
}

static volatile sig_atomic_t caught;

static void on_interrupt(int sig)
{
    caught = sig;
}

void cli_interrupt_catch(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_interrupt; /* no SA_RESTART: the read returns */
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

int cli_interrupted(void)
{
    return (int)caught;
}

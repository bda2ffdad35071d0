/* browser.c - `samkoll serve --open`: the desktop's browser started on the
 * server's address. The one place where samkoll starts another program
 * (docs/security.md): `xdg-open URL`, looked up on PATH and started with
 * posix_spawnp (no shell; the URL, the server's own address, is its only
 * argument). It gets /dev/null for standard input, output and error (a
 * browser's log does not belong in the server's output), default signal
 * dispositions, an empty signal mask and a process group of its own (so
 * Ctrl-C on the server does not close the browser). A detached thread
 * reaps it and reports a failure; the server goes on serving either way. */
#include "browser.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "texts.h"

extern char **environ;

/* The thread's argument: pid * 2 + en (no allocation to free). */
static void *reap(void *arg)
{
    intptr_t v = (intptr_t)arg;
    pid_t pid = (pid_t)(v / 2);
    int en = (int)(v % 2), st = 0;
    pid_t r;
    while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
        ;
    if (r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 127)
        fprintf(stderr, cli_text(T_SERVE_NO_BROWSER, en), strerror(ENOENT));
    else if (r == pid && WIFEXITED(st) && WEXITSTATUS(st) != 0)
        fprintf(stderr, cli_text(T_SERVE_BROWSER_FAILED, en), WEXITSTATUS(st));
    else if (r == pid && WIFSIGNALED(st))
        fprintf(stderr, cli_text(T_SERVE_BROWSER_FAILED, en), 128 + WTERMSIG(st));
    return NULL;
}

/* The child's set-up: the signals it starts with and its stdio. */
static int prepare(posix_spawnattr_t *at, posix_spawn_file_actions_t *fa)
{
    sigset_t none, dfl;
    sigemptyset(&none);
    sigemptyset(&dfl);
    sigaddset(&dfl, SIGPIPE);
    sigaddset(&dfl, SIGINT);
    sigaddset(&dfl, SIGTERM);
    int rc = posix_spawnattr_setsigmask(at, &none);
    rc = rc ? rc : posix_spawnattr_setsigdefault(at, &dfl);
    rc = rc ? rc : posix_spawnattr_setpgroup(at, 0);
    rc = rc ? rc : posix_spawnattr_setflags(at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                                     POSIX_SPAWN_SETPGROUP);
    rc = rc ? rc : posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0);
    rc = rc ? rc : posix_spawn_file_actions_addopen(fa, 1, "/dev/null", O_WRONLY, 0);
    rc = rc ? rc : posix_spawn_file_actions_adddup2(fa, 1, 2);
    return rc;
}

int cli_open_browser(const char *url, int en)
{
    posix_spawnattr_t at;
    posix_spawn_file_actions_t fa;
    if (posix_spawnattr_init(&at)) {
        fprintf(stderr, cli_text(T_SERVE_NO_BROWSER, en), strerror(ENOMEM));
        return -1;
    }
    if (posix_spawn_file_actions_init(&fa)) {
        posix_spawnattr_destroy(&at);
        fprintf(stderr, cli_text(T_SERVE_NO_BROWSER, en), strerror(ENOMEM));
        return -1;
    }
    char prog[] = "xdg-open", addr[512];
    snprintf(addr, sizeof addr, "%s", url);
    char *argv[] = {prog, addr, NULL};
    pid_t pid = 0;
    int rc = prepare(&at, &fa);
    if (!rc)
        rc = posix_spawnp(&pid, prog, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc) {
        fprintf(stderr, cli_text(T_SERVE_NO_BROWSER, en), strerror(rc));
        return -1;
    }
    fputs(cli_text(T_SERVE_OPENING, en), stderr);
    pthread_t th;
    if (pthread_create(&th, NULL, reap, (void *)((intptr_t)pid * 2 + (en ? 1 : 0))) == 0)
        pthread_detach(th);
    return 0;
}

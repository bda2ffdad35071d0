/* cmd_serve.c - `samkoll serve`: the web app and the JSON API on a local
 * HTTP server (engine/serve, docs/web.md, docs/api.md) until SIGINT or
 * SIGTERM. The URL is printed; with --open the desktop's browser is
 * started on it (browser.c, the only program samkoll starts). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

#include "browser.h"
#include "cmds.h"
#include "serve.h"
#include "texts.h"

int cmd_serve(const cli_opts *o, const sk_ruleset *rs)
{
    int en = o->lang == SK_LANG_EN;
    sk_server_opts so;
    sk_server_opts_default(&so);
    so.rs = rs;
    so.limits = o->limits;
    so.lang = o->lang;
    if (o->listen)
        so.listen = o->listen;
    if (o->date_given) {
        so.has_date = true;
        so.date = o->date;
    }
    if (o->jobs)
        so.threads = o->jobs;
    /* the signals are taken by sigwait below: block them before the
     * server's threads start, so that they inherit the mask */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    char err[256];
    sk_server *s = NULL;
    sk_rc rc = sk_server_start(&s, &so, err, sizeof err);
    if (rc != SK_OK) {
        fprintf(stderr, cli_text(T_SERVE_FAILED, en), err);
        return rc == SK_EINVALID ? EXIT_USAGE : EXIT_IOERR;
    }
    if (!sk_server_loopback(s))
        fprintf(stderr, cli_text(T_SERVE_NOT_LOOPBACK, en), so.listen);
    printf(cli_text(T_SERVE_LISTENING, en), sk_server_url(s));
    fflush(stdout);
    if (o->open_browser)
        cli_open_browser(sk_server_url(s), en);
    int sig = 0;
    sigwait(&set, &sig);
    sk_server_stop(s);
    fputs(cli_text(T_SERVE_STOPPED, en), stderr);
    return EXIT_CLEAN;
}

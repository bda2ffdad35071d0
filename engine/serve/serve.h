/* serve.h - the `samkoll serve` front end: a local HTTP server (on
 * libmicrohttpd) with the web app and the JSON API (docs/api.md,
 * docs/web.md). Like the CLI it uses only the public headers of
 * libsamkoll; everything it holds is in the sk_server object (no global
 * state), and every request is evaluated in memory and freed. */
#ifndef SK_SERVE_H
#define SK_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "samkoll/common.h"
#include "samkoll/limits.h"
#include "samkoll/ruleset.h"

typedef struct sk_server_opts {
    const sk_ruleset *rs;        /* borrowed; must outlive the server */
    sk_limits limits;            /* YAML limits for request bodies (text_file is
                                    always refused: requests never read files) */
    const char *listen;          /* "HOST:PORT", "[V6]:PORT"; port 0 = any free port */
    sk_lang lang;                /* default language of responses */
    bool has_date;               /* date: the assessment date for cases without
                                    one; else today at each request */
    int32_t date;
    unsigned threads;            /* worker threads (libmicrohttpd thread pool) */
    unsigned max_connections;    /* concurrent connections */
    unsigned timeout_s;          /* idle connection timeout */
} sk_server_opts;

/* Defaults: 127.0.0.1:8080, the online CPUs (at most 8) as threads, 64
 * connections, 30 s timeout, default limits. rs must still be set. */
void sk_server_opts_default(sk_server_opts *o);

typedef struct sk_server sk_server;

/* Starts listening and serving on background threads. On failure returns
 * SK_EINVALID (bad listen address) or SK_EIO (cannot bind) with a message
 * in err. */
sk_rc sk_server_start(sk_server **out, const sk_server_opts *o, char *err, size_t errsz);
/* The address being served, as a URL ("http://127.0.0.1:8080/"). */
const char *sk_server_url(const sk_server *s);
/* Whether the listening address is a loopback address. */
bool sk_server_loopback(const sk_server *s);
/* Stops serving (waits for requests in progress) and frees s. */
void sk_server_stop(sk_server *s);

#endif

/* server.c - the HTTP layer of `samkoll serve` on libmicrohttpd (thread
 * pool, internal polling): listening, the checks every request passes
 * (Host, Origin, token, method, content type, body size), the route
 * table, the web app's files and the security headers. The handlers are
 * in api.c. See docs/security.md ("samkoll serve"). */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>

#include "messages.h"
#include "mhd.h"
#include "samkoll/batch.h"
#include "samkoll/util.h"
#include "serve_int.h"

/* The Content-Security-Policy of every response: only the app's own
 * script and style files, no inline script, no other site, no framing. */
#define SV_CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
               "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

/* ---- the routes ---------------------------------------------------------- */

typedef enum { P_LANG = 1, P_DATE = 2, P_FORMAT = 4, P_FORMS = 8, P_NAME = 16, P_KEY = 32,
               P_VALUE = 64, P_DOC = 128, P_REMOVE = 256 } sv_param;

typedef struct route {
    const char *path;
    const char *method;        /* "GET" (HEAD too) or "POST" */
    sv_handler fn;             /* NULL: a file of the web app */
    unsigned params;           /* sv_param bits accepted in the query */
    const char *const *formats;/* accepted `format` values, first = default */
} route;

static const char *const check_formats[] = {"json", "markdown", "html", "text", "jsonl", "junit",
                                            "sarif", "csv", NULL};
static const char *const compare_formats[] = {"json", "markdown", "html", "text", NULL};
static const char *const ask_formats[] = {"json", "text", NULL};
static const char *const forms_formats[] = {"json", "markdown", "html", "text", NULL};
static const char *const rules_formats[] = {"json", "text", NULL};

static const route routes[] = {
    {"/api/v1/check", "POST", sv_api_check, P_LANG | P_DATE | P_FORMAT | P_NAME, check_formats},
    {"/api/v1/compare", "POST", sv_api_compare, P_LANG | P_DATE | P_FORMAT | P_FORMS | P_NAME,
     compare_formats},
    {"/api/v1/ask", "POST", sv_api_ask, P_LANG | P_DATE | P_FORMAT | P_NAME, ask_formats},
    {"/api/v1/answer", "POST", sv_api_answer, P_LANG | P_DATE | P_KEY | P_VALUE | P_DOC | P_NAME, NULL},
    {"/api/v1/edit", "POST", sv_api_edit, P_LANG | P_KEY | P_VALUE | P_DOC | P_REMOVE | P_NAME, NULL},
    {"/api/v1/case", "POST", sv_api_case, P_LANG | P_DATE | P_NAME, NULL},
    {"/api/v1/schema", "GET", sv_api_schema, 0, NULL},
    {"/api/v1/rules", "GET", sv_api_rules, P_LANG | P_FORMAT, rules_formats},
    {"/api/v1/forms", "GET", sv_api_forms, P_LANG | P_FORMAT, forms_formats},
    {"/healthz", "GET", sv_api_health, 0, NULL},
    {"/", "GET", NULL, P_LANG, NULL},
    {"/app.js", "GET", NULL, 0, NULL},
    {"/app.css", "GET", NULL, 0, NULL},
    {"/favicon.svg", "GET", NULL, 0, NULL},
};

static const struct { const char *name; sv_param bit; } param_names[] = {
    {"lang", P_LANG}, {"date", P_DATE}, {"format", P_FORMAT}, {"forms", P_FORMS},
    {"name", P_NAME}, {"key", P_KEY}, {"value", P_VALUE}, {"doc", P_DOC},
    {"remove", P_REMOVE},
};

static const route *find_route(const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
        if (!strcmp(routes[i].path, path))
            return &routes[i];
    return NULL;
}

/* ---- one request -------------------------------------------------------- */

typedef struct conn_state {
    const route *rt;
    sv_buf body;
    size_t seen;               /* body bytes received */
    bool too_big;
    bool done;                 /* a response was queued early */
} conn_state;

typedef struct query_ctx {
    sv_request *rq;
    const route *rt;
    sk_lang lang;
    char err[512];
} query_ctx;

static void set_err(query_ctx *q, sv_msg m, ...)
{
    va_list ap;
    va_start(ap, m);
    vsnprintf(q->err, sizeof q->err, sv_msg_fmt(m, q->lang), ap);
    va_end(ap);
    sk_utf8_trim_partial(q->err); /* never cut inside a character */
}

static bool valid_name(const char *n)
{
    size_t len = strlen(n);
    if (!len || len > 200 || !strcmp(n, ".") || !strcmp(n, ".."))
        return false;
    for (const unsigned char *p = (const unsigned char *)n; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\')
            return false;
    return true;
}

static void list_values(char *out, size_t n, const char *const *v)
{
    out[0] = '\0';
    for (size_t i = 0; v[i]; i++) {
        size_t l = strlen(out);
        snprintf(out + l, n - l, "%s%s", i ? ", " : "", v[i]);
    }
}

/* The parameter's bit when the route takes it; else 0 and the error. */
static unsigned param_bit(query_ctx *q, const char *key)
{
    unsigned bit = 0;
    const char *names[sizeof param_names / sizeof *param_names];
    size_t nn = 0;
    for (size_t i = 0; i < sizeof param_names / sizeof *param_names; i++) {
        if (q->rt->params & param_names[i].bit)
            names[nn++] = param_names[i].name;
        if (!strcmp(key, param_names[i].name))
            bit = param_names[i].bit;
    }
    if (!(q->rt->params & bit)) {
        const char *hint = sk_suggest(key, names, nn);
        set_err(q, SM_PARAM, key, hint ? sv_msg_fmt(SM_DID_YOU_MEAN, q->lang) : "", hint ? hint : "",
                hint ? "')" : "");
        return 0;
    }
    return bit;
}

/* Stores the value of parameter p (named key), checked. */
static enum MHD_Result store_param(query_ctx *q, sv_param p, const char *key, const char *v)
{
    sv_request *rq = q->rq;
    switch (p) {
    case P_LANG:
        if (strcmp(v, "sv") && strcmp(v, "en")) {
            set_err(q, SM_PARAM_VALUE, v, key, "sv, en");
            return MHD_NO;
        }
        rq->lang = !strcmp(v, "en") ? SK_LANG_EN : SK_LANG_SV;
        return MHD_YES;
    case P_DATE:
        if (!sk_date_parse(v, strlen(v), &rq->date)) {
            set_err(q, SM_DATE, v);
            return MHD_NO;
        }
        return MHD_YES;
    case P_FORMAT: {
        size_t i = 0;
        while (q->rt->formats[i] && strcmp(q->rt->formats[i], v))
            i++;
        if (!q->rt->formats[i]) {
            char allowed[256];
            list_values(allowed, sizeof allowed, q->rt->formats);
            set_err(q, SM_PARAM_VALUE, v, key, allowed);
            return MHD_NO;
        }
        rq->format = q->rt->formats[i];
        return MHD_YES;
    }
    case P_FORMS: rq->forms = v; return MHD_YES;
    case P_NAME:
        if (!valid_name(v)) {
            set_err(q, SM_NAME, v);
            return MHD_NO;
        }
        rq->name = v;
        return MHD_YES;
    case P_KEY: rq->key = v; return MHD_YES;
    case P_VALUE:
        if (rq->nvalues < SV_MAX_VALUES)
            rq->values[rq->nvalues++] = v;
        return MHD_YES;
    case P_REMOVE:
        if (strcmp(v, "true")) {
            set_err(q, SM_PARAM_VALUE, v, key, "true");
            return MHD_NO;
        }
        rq->remove = true;
        return MHD_YES;
    case P_DOC: {
        char *end;
        errno = 0;
        long d = strtol(v, &end, 10);
        if (!*v || *end || errno || d < 0) {
            set_err(q, SM_PARAM_VALUE, v, key, "0, 1, 2, ...");
            return MHD_NO;
        }
        rq->doc = d;
        return MHD_YES;
    }
    }
    return MHD_YES;
}

/* One query parameter: checked against the route and stored. */
static enum MHD_Result on_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    query_ctx *q = cls;
    if (q->err[0])
        return MHD_NO;
    unsigned bit = param_bit(q, key);
    if (!bit)
        return MHD_NO;
    return store_param(q, (sv_param)bit, key, value ? value : "");
}

/* The language asked for (query `lang`), before the other parameters are
 * checked, so that their errors are in it. */
static sk_lang request_lang(struct MHD_Connection *c, sk_lang dflt)
{
    const char *l = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    return l && !strcmp(l, "en") ? SK_LANG_EN : l && !strcmp(l, "sv") ? SK_LANG_SV : dflt;
}

/* ---- responses ---------------------------------------------------------- */

static void security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", SV_CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

static enum MHD_Result send_response(struct MHD_Connection *c, sv_response *r, const char *allow)
{
    if (r->body.failed)
        sv_error(r, 500, sv_msg_fmt(SM_INTERNAL, SK_LANG_EN));
    size_t len = r->body.len;
    char *data = r->body.data;
    r->body.data = NULL;
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, data ? data : (char *)"",
                                                                data ? MHD_RESPMEM_MUST_FREE
                                                                     : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    security_headers(resp);
    char ctype[96];
    snprintf(ctype, sizeof ctype, "%s%s", r->ctype ? r->ctype : "application/json",
             r->ctype && !strncmp(r->ctype, "image/", 6) ? "" : "; charset=utf-8");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    if (r->filename) {
        char disp[300];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", r->filename);
        MHD_add_response_header(resp, "Content-Disposition", disp);
    }
    if (allow)
        MHD_add_response_header(resp, "Allow", allow);
    enum MHD_Result ok = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    sv_buf_free(&r->body);
    return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg,
                                  const char *allow)
{
    sv_response r = {0};
    sv_error(&r, status, msg);
    return send_response(c, &r, allow);
}

/* ---- the web app's files ------------------------------------------------ */

static const sv_asset *find_asset(const char *name)
{
    for (size_t i = 0; i < sv_assets_count; i++)
        if (!strcmp(sv_assets[i].name, name))
            return &sv_assets[i];
    return NULL;
}

static const char *asset_type(const char *name)
{
    static const struct { const char *ext, *type; } types[] = {
        {".html", "text/html"}, {".js", "text/javascript"}, {".css", "text/css"},
        {".svg", "image/svg+xml"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (!strcmp(dot, types[i].ext))
            return types[i].type;
    return "application/octet-stream";
}

/* A file of the web app; index.html carries the CSRF token and the
 * language in its <html> element's attributes. */
static void serve_asset(sk_server *s, const char *path, sk_lang lang, sv_response *r)
{
    const char *name = !strcmp(path, "/") ? "index.html" : path + 1;
    const sv_asset *a = find_asset(name);
    if (!a) {
        sv_error(r, 404, name);
        return;
    }
    r->status = 200;
    r->ctype = asset_type(name);
    if (strcmp(name, "index.html")) {
        sv_buf_append(&r->body, a->data, a->len);
        return;
    }
    static const char *const marks[] = {"{{TOKEN}}", "{{LANG}}"};
    const char *vals[] = {s->token, lang == SK_LANG_EN ? "en" : "sv"};
    const char *p = a->data, *end = a->data + a->len;
    while (p < end) {
        const char *next = end;
        size_t which = 0;
        for (size_t i = 0; i < 2; i++) {
            const char *m = strstr(p, marks[i]);
            if (m && m < next) {
                next = m;
                which = i;
            }
        }
        sv_buf_append(&r->body, p, (size_t)(next - p));
        if (next == end)
            break;
        sv_buf_puts(&r->body, vals[which]);
        p = next + strlen(marks[which]);
    }
}

/* ---- the checks every request passes ------------------------------------ */

/* The host part of a Host header value ("127.0.0.1:8080" -> "127.0.0.1",
 * "[::1]:8080" -> "::1"). */
static void host_part(const char *h, char *out, size_t n)
{
    out[0] = '\0';
    if (h[0] == '[') {
        const char *e = strchr(h, ']');
        if (e && (size_t)(e - h - 1) < n)
            snprintf(out, n, "%.*s", (int)(e - h - 1), h + 1);
        return;
    }
    const char *colon = strchr(h, ':');
    size_t len = colon ? (size_t)(colon - h) : strlen(h);
    if (len < n)
        snprintf(out, n, "%.*s", (int)len, h);
}

/* DNS rebinding: a page of another site whose name is made to resolve to
 * this address sends its own name in Host. Only names that cannot be
 * rebound are accepted: an IP address literal, "localhost", or the host
 * name the operator gave in --listen. */
static bool host_ok(const sk_server *s, const char *host)
{
    if (!host)
        return false;
    char h[256];
    host_part(host, h, sizeof h);
    unsigned char buf[16];
    if (!h[0])
        return false;
    if (inet_pton(AF_INET, h, buf) == 1 || inet_pton(AF_INET6, h, buf) == 1)
        return true;
    return !strcasecmp(h, "localhost") || !strcasecmp(h, s->host);
}

/* Cross-site requests: a browser states the page's origin; it must be
 * this server as the browser addressed it. */
static bool origin_ok(const char *origin, const char *host)
{
    if (!origin)
        return true;
    return host && !strncmp(origin, "http://", 7) && !strcmp(origin + 7, host);
}

static bool ctype_ok(const char *ct)
{
    static const char *const ok[] = {"application/yaml", "application/x-yaml", "text/yaml",
                                     "text/x-yaml", "application/json", NULL};
    if (!ct)
        return false;
    size_t len = strcspn(ct, ";");
    while (len && (ct[len - 1] == ' ' || ct[len - 1] == '\t'))
        len--;
    for (size_t i = 0; ok[i]; i++)
        if (strlen(ok[i]) == len && !strncasecmp(ct, ok[i], len))
            return true;
    return false;
}

/* The checks made when the headers have arrived (first call for a
 * connection's request). Returns 0 if the request may go on, else the
 * error status with msg filled. */
static unsigned first_checks(sk_server *s, struct MHD_Connection *c, const char *method,
                             const char *url, sk_lang lang, const route **rt, char *msg, size_t n,
                             const char **allow)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    if (!host_ok(s, host)) {
        snprintf(msg, n, sv_msg_fmt(SM_HOST, lang), host ? host : "");
        return 403;
    }
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (!origin_ok(origin, host) || (site && !strcmp(site, "cross-site"))) {
        snprintf(msg, n, sv_msg_fmt(SM_ORIGIN, lang), origin ? origin : site);
        return 403;
    }
    *rt = find_route(url);
    if (!*rt) {
        snprintf(msg, n, sv_msg_fmt(SM_NOT_FOUND, lang), url);
        return 404;
    }
    bool get = !strcmp((*rt)->method, "GET");
    if (get ? strcmp(method, "GET") && strcmp(method, "HEAD") : strcmp(method, "POST") != 0) {
        *allow = get ? "GET, HEAD" : "POST";
        snprintf(msg, n, sv_msg_fmt(SM_METHOD, lang), method, url, *allow);
        return 405;
    }
    if (get)
        return 0;
    /* state-changing requests from a browser carry the page's token */
    const char *tok = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Samkoll-Token");
    if (origin && (!tok || strcmp(tok, s->token))) {
        snprintf(msg, n, "%s", sv_msg_fmt(SM_TOKEN, lang));
        return 403;
    }
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ctype_ok(ct)) {
        snprintf(msg, n, sv_msg_fmt(SM_CTYPE, lang), ct ? ct : "(none)");
        return 415;
    }
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > s->lim.max_file_bytes) {
        snprintf(msg, n, sv_msg_fmt(SM_TOO_LARGE, lang), s->lim.max_file_bytes);
        return 413;
    }
    return 0;
}

/* ---- libmicrohttpd callbacks -------------------------------------------- */

static enum MHD_Result handle(sk_server *s, struct MHD_Connection *c, const char *method,
                              const char *url, conn_state *st)
{
    sk_lang lang = request_lang(c, s->o.lang);
    if (st->too_big) {
        char msg[256];
        snprintf(msg, sizeof msg, sv_msg_fmt(SM_TOO_LARGE, lang), s->lim.max_file_bytes);
        return send_error(c, 413, msg, NULL);
    }
    sv_request rq = {0};
    rq.method = method;
    rq.path = url;
    rq.lang = lang;
    rq.date = s->o.has_date ? s->o.date : sk_date_today();
    rq.name = "case.yaml";
    rq.body = st->body.data ? st->body.data : "";
    rq.len = st->body.len;
    query_ctx q = {&rq, st->rt, lang, ""};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_param, &q);
    if (q.err[0])
        return send_error(c, 400, q.err, NULL);
    if (!rq.format && st->rt->formats)
        rq.format = st->rt->formats[0];
    sv_response r = {0};
    if (st->rt->fn)
        st->rt->fn(s, &rq, &r);
    else
        serve_asset(s, url, lang, &r);
    return send_response(c, &r, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    sk_server *s = cls;
    conn_state *st = *con_cls;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st)
            return MHD_NO;
        *con_cls = st;
        char msg[512];
        const char *allow = NULL;
        unsigned status = first_checks(s, c, method, url, request_lang(c, s->o.lang), &st->rt, msg,
                                       sizeof msg, &allow);
        if (status) {
            st->done = true;
            return send_error(c, status, sk_utf8_trim_partial(msg), allow);
        }
        return MHD_YES;
    }
    if (st->done) {            /* an early error was sent: drop the body */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        /* a body over the limit without a Content-Length (chunked): the
         * rest is read and dropped, and 413 sent at its end; a flood past
         * twice the limit closes the connection */
        st->seen += *upload_size;
        if (!st->too_big && st->body.len + *upload_size <= s->lim.max_file_bytes)
            sv_buf_append(&st->body, upload, *upload_size);
        else
            st->too_big = true;
        *upload_size = 0;
        if (st->too_big && st->seen > 2 * s->lim.max_file_bytes)
            return MHD_NO;
        return MHD_YES;
    }
    st->done = true;
    return handle(s, c, method, url, st);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    conn_state *st = *con_cls;
    if (st) {
        sv_buf_free(&st->body);
        free(st);
        *con_cls = NULL;
    }
}

/* ---- starting and stopping ---------------------------------------------- */

void sk_server_opts_default(sk_server_opts *o)
{
    memset(o, 0, sizeof *o);
    sk_limits_default(&o->limits);
    o->listen = "127.0.0.1:8080";
    o->lang = SK_LANG_SV;
    unsigned n = sk_batch_default_jobs();
    o->threads = n > 8 ? 8 : n;
    o->max_connections = 64;
    o->timeout_s = 30;
}

/* Splits "HOST:PORT" / "[V6]:PORT" / ":PORT" / "PORT". */
static bool split_listen(const char *l, char *host, size_t hn, char *port, size_t pn)
{
    const char *colon;
    if (l[0] == '[') {
        const char *e = strchr(l, ']');
        if (!e || e[1] != ':' || (size_t)(e - l - 1) >= hn)
            return false;
        snprintf(host, hn, "%.*s", (int)(e - l - 1), l + 1);
        colon = e + 1;
    } else {
        colon = strrchr(l, ':');
        if (!colon) {
            snprintf(host, hn, "127.0.0.1");
            colon = l - 1;
        } else {
            if ((size_t)(colon - l) >= hn)
                return false;
            snprintf(host, hn, "%.*s", (int)(colon - l), l);
            if (!host[0])
                snprintf(host, hn, "127.0.0.1");
        }
    }
    const char *p = colon + 1;
    if (!*p || strlen(p) >= pn || strspn(p, "0123456789") != strlen(p) || atol(p) > 65535)
        return false;
    snprintf(port, pn, "%s", p);
    return true;
}

static bool is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return false;
}

static bool make_token(char *out)
{
    unsigned char r[32];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n < 0 && errno != EINTR)
            return false;
        if (n > 0)
            got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof r; i++)
        snprintf(out + 2 * i, 3, "%02x", r[i]);
    return true;
}

sk_rc sk_server_start(sk_server **out, const sk_server_opts *o, char *err, size_t errsz)
{
    *out = NULL;
    char host[64], port[8];
    if (!split_listen(o->listen, host, sizeof host, port, sizeof port)) {
        snprintf(err, errsz, "--listen %s: expected HOST:PORT", o->listen);
        return SK_EINVALID;
    }
    struct addrinfo hints = {0}, *ai = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    int g = getaddrinfo(host, port, &hints, &ai);
    if (g) {
        snprintf(err, errsz, "--listen %s: %s", o->listen, gai_strerror(g));
        return SK_EINVALID;
    }
    sk_server *s = calloc(1, sizeof *s);
    if (!s || !make_token(s->token)) {
        freeaddrinfo(ai);
        free(s);
        snprintf(err, errsz, "%s", strerror(errno ? errno : ENOMEM));
        return SK_EIO;
    }
    s->o = *o;
    s->lim = o->limits;
    s->lim.deny_text_file = true;
    snprintf(s->host, sizeof s->host, "%s", host);
    s->loopback = is_loopback(ai->ai_addr);
    pthread_mutex_init(&s->pool.mu, NULL);
    char why[256];
    if (!sk_mhd_load(why, sizeof why)) {
        freeaddrinfo(ai);
        snprintf(err, errsz, "libmicrohttpd: %s", why);
        sk_server_stop(s);
        return SK_EIO;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                                 MHD_OPTION_SOCK_ADDR, ai->ai_addr,
                                 MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(o->threads ? o->threads : 1),
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_connections,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout_s,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                                 MHD_OPTION_END);
    int e = errno;
    freeaddrinfo(ai);
    if (!s->daemon) {
        snprintf(err, errsz, "--listen %s: %s", o->listen, strerror(e ? e : EADDRINUSE));
        sk_server_stop(s);
        return SK_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = info ? info->port : (unsigned)atoi(port);
    snprintf(s->url, sizeof s->url, strchr(host, ':') ? "http://[%s]:%u/" : "http://%s:%u/", host,
             bound);
    *out = s;
    return SK_OK;
}

const char *sk_server_url(const sk_server *s)
{
    return s->url;
}

bool sk_server_loopback(const sk_server *s)
{
    return s->loopback;
}

void sk_server_stop(sk_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    for (size_t i = 0; i < s->pool.n; i++)
        sk_evaluator_free(s->pool.idle[i]);
    free(s->pool.idle);
    pthread_mutex_destroy(&s->pool.mu);
    free(s);
}

/* floor.c - the physical limit of any libyaml-based case checker.
 *
 *   floor PATH...
 *
 * PATH is a file, a directory (walked recursively, entries sorted, *.yaml
 * and *.yml, hidden entries skipped: the same walk as `samkoll check`) or
 * `-` (standard input, one multi-document stream).
 *
 *   floor --per-document -
 *
 * reads standard input whole and cuts it before every line that starts
 * with "---" followed by a blank or the line's end (a document start), then
 * runs each piece through a parser of its own (yaml_parser_initialize
 * to yaml_parser_delete), as a checker must that reports each document of
 * a stream on its own and goes on after a broken one. It is not the floor
 * of the targets (that is one parser over the stream): it measures what
 * one parser per document costs libyaml (bench/RESULTS.md).
 *
 * Every file is read whole into memory the way samkoll reads it (open,
 * fstat, one read into a buffer of the file's size, close; a directory
 * entry typed as a regular file is not stat'ed) and run through
 * libyaml's event parser (yaml_parser_parse until STREAM-END) with no
 * document tree, no validation and no rules. Standard input is parsed
 * straight from the FILE, as samkoll does for `-`. Prints one line of
 * counts to standard error; exit status 0, or 2 if some input could not be
 * read or parsed.
 *
 * cc -O2 -o floor floor.c $(pkg-config --cflags --libs yaml-0.1)
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* d_type, DT_REG */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

typedef struct {
    char **v;
    size_t n, cap;
} strvec;

typedef struct {
    unsigned long long files, docs, events, bytes, errors;
} counts;

static void die_oom(void)
{
    fprintf(stderr, "floor: out of memory\n");
    exit(70);
}

static void push(strvec *s, const char *p)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            die_oom();
    }
    size_t n = strlen(p) + 1;
    char *c = malloc(n);
    if (!c)
        die_oom();
    memcpy(c, p, n);
    s->v[s->n++] = c;
}

static int is_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/* Entries of a directory are kept as their d_type byte (0xff for
 * DT_UNKNOWN, which is 0) followed by the path, and sorted by path. */
static int cmp_entry(const void *a, const void *b)
{
    return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static void walk(strvec *out, const char *dir, int depth, counts *c)
{
    if (depth > 64)
        return;
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "floor: %s: %s\n", dir, strerror(errno));
        c->errors++;
        return;
    }
    strvec names = {0};
    struct dirent *e;
    size_t dl = strlen(dir);
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = dl + strlen(e->d_name) + 3;
        char *p = malloc(n);
        if (!p)
            die_oom();
        snprintf(p, n, "%c%s%s%s", e->d_type ? e->d_type : 0xff, dir, dir[dl - 1] == '/' ? "" : "/",
                 e->d_name);
        push(&names, p);
        free(p);
    }
    closedir(dp);
    qsort(names.v, names.n, sizeof *names.v, cmp_entry);
    for (size_t i = 0; i < names.n; i++) {
        /* as samkoll's walk: an entry typed as a regular file is not
         * stat'ed, anything else is */
        const char *path = names.v[i] + 1;
        struct stat st;
        int reg = (unsigned char)names.v[i][0] == DT_REG;
        if (!reg && stat(path, &st) != 0)
            continue;
        if (!reg && S_ISDIR(st.st_mode))
            walk(out, path, depth + 1, c);
        else if (is_yaml(path))
            push(out, path);
        free(names.v[i]);
        names.v[i] = NULL;
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    free(names.v);
}

/* Runs the event parser to the end of the stream. */
static void parse(yaml_parser_t *p, const char *name, counts *c)
{
    yaml_event_t ev;
    for (;;) {
        if (!yaml_parser_parse(p, &ev)) {
            fprintf(stderr, "floor: %s:%zu:%zu: %s\n", name, p->problem_mark.line + 1,
                    p->problem_mark.column + 1, p->problem ? p->problem : "parse error");
            c->errors++;
            return;
        }
        c->events++;
        yaml_event_type_t t = ev.type;
        if (t == YAML_DOCUMENT_START_EVENT)
            c->docs++;
        yaml_event_delete(&ev);
        if (t == YAML_STREAM_END_EVENT)
            return;
    }
}

static char *buf;
static size_t bufcap;

static void parse_file(const char *path, counts *c)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        c->errors++;
        return;
    }
    /* a fresh buffer per file sized from fstat with a byte to spare, read
     * until a read returns less than asked for once the size is reached
     * (or returns 0), as samkoll reads a file: open, fstat, read, close */
    size_t len = 0, size = st.st_size > 0 ? (size_t)st.st_size : 0;
    bufcap = size + 2;
    buf = malloc(bufcap);
    if (!buf)
        die_oom();
    int err = 0;
    for (;;) {
        if (bufcap - len < 2) {
            char *nb = realloc(buf, bufcap * 2);
            if (!nb)
                die_oom();
            buf = nb;
            bufcap *= 2;
        }
        size_t room = bufcap - len - 1;
        ssize_t got = read(fd, buf + len, room);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            err = got < 0;
            break;
        }
        len += (size_t)got;
        if (len == size && (size_t)got < room)
            break;
    }
    close(fd);
    if (err) {
        fprintf(stderr, "floor: %s: read error\n", path);
        c->errors++;
        free(buf);
        return;
    }
    c->files++;
    c->bytes += len;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        die_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)(buf ? buf : ""), len);
    parse(&p, path, c);
    yaml_parser_delete(&p);
    free(buf);
}

static void parse_stdin(counts *c)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        die_oom();
    yaml_parser_set_input_file(&p, stdin);
    parse(&p, "-", c);
    c->files++;
    c->bytes += p.offset;
    yaml_parser_delete(&p);
}

/* Is p (n bytes left) at a document start marker: "---" then a blank or the end? */
static int doc_marker(const char *p, size_t n)
{
    return n >= 3 && p[0] == '-' && p[1] == '-' && p[2] == '-' &&
           (n == 3 || p[3] == ' ' || p[3] == '\t' || p[3] == '\n' || p[3] == '\r');
}

static void parse_piece(const char *s, size_t n, counts *c)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        die_oom();
    yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
    parse(&p, "-", c);
    yaml_parser_delete(&p);
}

static void parse_stdin_per_document(counts *c)
{
    size_t len = 0, cap = 0;
    char *all = NULL, chunk[65536];
    size_t got;
    struct stat st; /* a redirected file: its size at once, no regrowing */
    if (fstat(fileno(stdin), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        cap = (size_t)st.st_size;
        all = malloc(cap);
        if (!all)
            die_oom();
    }
    while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (len + got > cap) {
            cap = cap ? cap * 2 : 65536;
            while (cap < len + got)
                cap *= 2;
            all = realloc(all, cap);
            if (!all)
                die_oom();
        }
        memcpy(all + len, chunk, got);
        len += got;
    }
    c->files++;
    c->bytes += len;
    size_t start = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(all + i, '\n', len - i);
        size_t next = nl ? (size_t)(nl - all) + 1 : len;
        if (next < len && next > start && doc_marker(all + next, len - next)) {
            parse_piece(all + start, next - start, c);
            start = next;
        }
        i = next;
    }
    if (start < len)
        parse_piece(all + start, len - start, c);
    free(all);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--per-document") && !strcmp(argv[2], "-")) {
        counts c = {0};
        parse_stdin_per_document(&c);
        fprintf(stderr, "floor: %llu files, %llu documents, %llu events, %llu bytes, %llu errors\n",
                c.files, c.docs, c.events, c.bytes, c.errors);
        return c.errors ? 2 : 0;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: floor PATH... (file, directory or - for standard input), or floor --per-document -\n");
        return 64;
    }
    counts c = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            parse_stdin(&c);
            continue;
        }
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "floor: %s: %s\n", argv[i], strerror(errno));
            c.errors++;
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            parse_file(argv[i], &c);
            continue;
        }
        strvec files = {0};
        walk(&files, argv[i], 0, &c);
        for (size_t k = 0; k < files.n; k++) {
            parse_file(files.v[k], &c);
            free(files.v[k]);
        }
        free(files.v);
    }
    fprintf(stderr, "floor: %llu files, %llu documents, %llu events, %llu bytes, %llu errors\n",
            c.files, c.docs, c.events, c.bytes, c.errors);
    return c.errors ? 2 : 0;
}

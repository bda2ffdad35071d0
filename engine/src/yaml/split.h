/* split.h - cutting a YAML stream into documents by lines, the same way
 * for a file in memory and for standard input.
 *
 * A document boundary is where libyaml puts one: a "---" line starts a
 * document (a new one if the current one has content), a "..." line ends
 * one, and directives ("%YAML", "%TAG") and comments before a "---" belong
 * to the document they precede. CR, LF and CRLF all end a line, as in
 * libyaml; a byte order mark may open any document. A piece with no
 * content (only blank lines, comments, or a bare "...") is not a document.
 * Each document is then parsed by libyaml on its own, so one broken
 * document is one error and every other document is still read. */
#ifndef SK_YAML_SPLIT_H
#define SK_YAML_SPLIT_H

#include <stddef.h>
#include <stdio.h>

/* Line classification state: what the current document holds so far. */
typedef struct sk_split {
    int content;   /* a "---" line or a content line */
    int directive; /* a directive line before the content */
} sk_split;

typedef enum sk_split_act {
    SK_SPLIT_KEEP,   /* the line belongs to the current document */
    SK_SPLIT_BEFORE, /* a new document starts with this line */
    SK_SPLIT_AFTER   /* the line ends the current document */
} sk_split_act;

/* Classifies one whole line (with its line break) and updates s; after
 * SK_SPLIT_BEFORE, s describes the new document holding just this line,
 * after SK_SPLIT_AFTER, s is reset for the next one. */
sk_split_act sk_split_line(sk_split *s, const char *line, size_t n);
/* Does the document described by s count as one (content or directive)? */
int sk_split_is_document(const sk_split *s);

/* Lines of a stream or of memory, each with its line break. A line longer
 * than max bytes is returned in pieces (*cont set on the later ones). */
typedef struct sk_lines {
    FILE *f;            /* NULL: reading mem */
    const char *mem;
    size_t memlen;
    char *buf;          /* stream buffer */
    size_t cap, start, end;
    size_t max;
    int eof, error;
    int in_line;        /* the last piece did not end its line */
    unsigned number;    /* lines ended so far */
    size_t cr;          /* offset of the first CR at or after start, or end */
    int cr_known;       /* cr is valid for the data held now */
} sk_lines;

void sk_lines_mem(sk_lines *r, const char *data, size_t len);
void sk_lines_file(sk_lines *r, FILE *f, size_t max);
/* The next line (or piece): 1, or 0 at the end (r->error on a read error
 * or out of memory). The line stays valid until the next call. */
int sk_lines_next(sk_lines *r, const char **line, size_t *n, int *cont);
/* The longest run of whole lines at the current position that cannot
 * change the cut of a document that already has content: each line ends
 * in LF, none holds a CR, none starts with '-', '.', '%' or a byte order
 * mark (a marker, a directive or a BOM). Consumes the run and returns its
 * length (0: the next line must go through sk_lines_next). Reads no more
 * input; the run stays valid until the next call. */
size_t sk_lines_plain_run(sk_lines *r, const char **run);
void sk_lines_free(sk_lines *r);

#endif

/* trendbeeld — messages as data, rendered in Dutch or English.
 *
 * An evaluation records what happened as a code with its arguments (a
 * year, a figure, a key); a writer turns the record into a sentence in
 * the reader's language through one catalogue (message.c), a table
 * indexed by the code that holds each message's argument types and its
 * Dutch and English wording.
 *
 * The wording uses placeholders {0} .. {5} for the arguments, so a
 * language may put them in its own order.  Argument types, one letter
 * each, in the order the arguments are given:
 *
 *   i   an int, written as is ("2018")
 *   s   a string (copied; NULL is written as nothing)
 *   n   a number: double V, int DECIMALS, in the language's notation
 *       ("12.111" / "12,111")
 *   p   a probability: double FRACTION, int DECIMALS, as a percentage
 *       ("93,4%"); DECIMALS TB_MSG_PROB_READER writes it for readers
 *       (whole percents, never "0%" or "100%": "meer dan 99%")
 *   m   a phrase: another code without arguments, in the same language
 *
 * Why a catalogue of our own and not gettext: a report and the JSON output
 * hold both languages from one run (the "warnings" and "warnings_en"
 * arrays), which gettext's one-locale-per-process model does not give
 * without switching locales back and forth; and the program must speak
 * English on a machine without any locale installed.
 */
#ifndef TRENDBEELD_MESSAGE_H
#define TRENDBEELD_MESSAGE_H

#include <stdarg.h>
#include <stddef.h>

#include "trendbeeld/format.h"

typedef enum {
    /* phrases (no arguments), for the m arguments of other messages */
    TB_MSG_EMPTY,
    TB_MSG_SERIES_NOT_UP_TO_AS_OF,
    TB_MSG_NO_POOL,
    TB_MSG_TOO_FAR_AHEAD,
    TB_MSG_TOO_FEW_ERRORS,

    /* names of verdicts, progress categories and AARR classes, in the
     * order of tb_verdict, tb_progress and tb_aarr_class (target.h) */
    TB_MSG_VERDICT_HAALBAAR,
    TB_MSG_VERDICT_ONZEKER,
    TB_MSG_VERDICT_NIET_HAALBAAR,
    TB_MSG_VERDICT_GEHAALD,
    TB_MSG_VERDICT_NIET_GEHAALD,
    TB_MSG_VERDICT_GEEN_OORDEEL,
    TB_MSG_PROGRESS_ON_TRACK,
    TB_MSG_PROGRESS_ACCELERATE,
    TB_MSG_PROGRESS_LIMITED,
    TB_MSG_PROGRESS_AWAY,
    TB_MSG_PROGRESS_ACHIEVED,
    TB_MSG_PROGRESS_NA,
    TB_MSG_AARR_ON_TRACK,
    TB_MSG_AARR_SOME_PROGRESS,
    TB_MSG_AARR_NO_PROGRESS,
    TB_MSG_AARR_WORSENING,
    TB_MSG_AARR_ACHIEVED,
    TB_MSG_AARR_NA,

    /* what a target evaluation notes on the way */
    TB_MSG_NOT_A_COUNT,          /* s measure */
    TB_MSG_FIT_FAILED,           /* s model, s the model's error */
    TB_MSG_PROVISIONAL,          /* i year */
    TB_MSG_NO_DATA,              /* s s s region, indicator, measure; i i years; m */
    TB_MSG_DATA_NEEDED,          /* s s s region, indicator, measure; i i years; m */
    TB_MSG_BASE_DIFFERS,         /* i year; n text; n series */
    TB_MSG_BASE_DIFFERS_LABELLED,/* i year; n text; n series; s what the text counts */
    TB_MSG_THRESHOLD_MAY_FALL,   /* i known, i years, i from, i to */
    TB_MSG_RATE_WINDOW,          /* i from, i to, i base year */
    TB_MSG_TOO_FEW_TO_PROJECT,   /* i observed years */
    TB_MSG_TOO_UNCERTAIN,        /* i observed years */
    TB_MSG_UNCALIBRATED,         /* m why */

    /* why the verdict is what it is (TB_MSG_NO_DATA too) */
    TB_MSG_OBSERVED,             /* i target year */
    TB_MSG_NO_PROJECTION_FOR,    /* i target year */
    TB_MSG_TOO_FEW_TO_DECIDE,    /* i observed years */
    TB_MSG_CHANCE,               /* p P(met), p high, p low */

    /* the recomputation of the stated number */
    TB_MSG_AUDIT_NOTHING_STATED, /* i target year */
    /* n stated: the stated number is the target itself (a level); the
     * JSON summary says "het gestelde getal", the text "het gestelde" */
    TB_MSG_AUDIT_STATED_NUMBER_IS_TARGET,
    TB_MSG_AUDIT_STATED_IS_TARGET,
    TB_MSG_AUDIT_MATCH,          /* n stated, s reading, s source */
    TB_MSG_AUDIT_CLOSEST,        /* n stated, s reading, s source, n its value */
    TB_MSG_AUDIT_CLOSEST_EXPONENT, /* the same, n the exponent of the stated number */

    TB_MSG_COUNT_
} tb_msg_code;

#define TB_MSG_MAXARGS 6
#define TB_MSG_PROB_READER (-1)

typedef struct {
    char type;                 /* i s n p m (see above) */
    int i;                     /* i: the int; n, p: decimals; m: the code */
    double v;                  /* n, p */
    char *s;                   /* s: owned copy */
} tb_msg_arg;

typedef struct {
    tb_msg_code code;
    int nargs;
    tb_msg_arg arg[TB_MSG_MAXARGS];
} tb_message;

/* Set M to CODE with the arguments that follow, in the catalogue's types
 * for CODE (strings are copied).  Returns 0, or -1 when out of memory or
 * CODE is unknown (M is then empty: TB_MSG_EMPTY). */
int tb_message_set(tb_message *m, tb_msg_code code, ...);
int tb_message_vset(tb_message *m, tb_msg_code code, va_list ap);
/* Free M's strings; M becomes TB_MSG_EMPTY.  NULL is a no-op. */
void tb_message_clear(tb_message *m);
/* A copy of SRC into DST (strings duplicated); -1 when out of memory. */
int tb_message_copy(tb_message *dst, const tb_message *src);

/* M in LANG into BUF, with the snprintf contract: at most N bytes, NUL
 * terminated when N > 0; returns the length of the whole sentence. */
size_t tb_message_render(const tb_message *m, tb_lang lang, char *buf, size_t n);

/* The words of a code without arguments ("haalbaar" / "on track"); "?"
 * for an unknown code. */
const char *tb_msg_text(tb_msg_code code, tb_lang lang);

/* The catalogue's entry for CODE, for checks: its argument types and
 * wording in LANG; NULL when unknown. */
const char *tb_msg_args(tb_msg_code code);
const char *tb_msg_format(tb_msg_code code, tb_lang lang);

/* A probability for readers: whole percents, "meer dan 99%" / "over 99%"
 * above 0.995 and "minder dan 1%" / "under 1%" below 0.005, so that what
 * is only very likely never reads as certain; TB_FMT_MISSING for NaN. */
const char *tb_msg_prob(char *buf, size_t n, double p, tb_lang lang);

#endif

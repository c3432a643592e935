/* trendbeeld — the configuration file of a yearly report run.
 *
 *   trendbeeld report --config jaarrapport.conf
 *
 * The file is a list of settings, one a line, `key = value` (inih).  A
 * line that starts with '#' or ';' is a comment; blank lines are ignored.
 * Everything after the '=' is the value, trimmed of spaces, including
 * ';' and '#' (so "source = CBS; Politie" keeps both): a comment goes on a
 * line of its own.  Sections ([name]) are not used, every setting starts
 * at the beginning of its line (an indented line would continue the one
 * above in INI files), and each setting appears once.  Paths are read
 * relative to the folder of the configuration file, so that the file
 * works from any current directory.  Every setting is optional; one that
 * is not there keeps the command's default.  The example data/report.conf
 * shows all of them.
 *
 *   key             value                                   option
 *   data            folder with regions.csv, indicators.csv,  --data
 *                   series/ *.csv and targets.csv
 *   files           series files or patterns, comma-separated  FILE...
 *                   ("series/woninginbraak_*.csv"); instead of
 *                   data/series/ *.csv
 *   targets         targets file, or "none"                   --targets
 *   target_ids      ids of the targets to include (all when    --target-ids
 *                   absent)
 *   regions         areas the report covers, codes or names   --regions
 *                   from regions.csv: an eenheid compares its
 *                   districts or provinces, a district or
 *                   province its gemeenten (all eenheden when
 *                   absent)
 *   themes          woninginbraak, hic, geweld, mishandeling,  --themes
 *                   overlast_jeugd, totaal (all found when absent)
 *   out             output folder                             --out
 *   lang            nl or en                                  --lang
 *   render          yes or no (also true/false, on/off, ja/nee, --render,
 *                   1/0): draw the charts with gnuplot          --no-render
 *   title           report title                              --title
 *   source          "Bron:" line of charts and report         --source
 *   fail_off_track  yes or no: exit 4 when a target is off     --fail-off-track,
 *                   track                                      --no-fail-off-track
 *
 * Options on the command line override the file: an option given there
 * wins over the same setting in the file, and FILE arguments replace
 * `files`.  The file is checked whole before anything is loaded: every
 * mistake is reported as "FILE:LINE: what was wrong, what was expected"
 * (the first one in the file), and the command exits with status 2
 * (usage), because the file stands for command-line options.  Names of
 * regions and target ids are checked against the code list and the
 * targets file once those are loaded, with the same FILE:LINE form and
 * the same status.
 */
#ifndef TRENDBEELD_CONFIG_H
#define TRENDBEELD_CONFIG_H

#include <stddef.h>

#include "trendbeeld/error.h"

typedef enum {
    TB_CFG_DATA,
    TB_CFG_FILES,
    TB_CFG_TARGETS,
    TB_CFG_TARGET_IDS,
    TB_CFG_REGIONS,
    TB_CFG_THEMES,
    TB_CFG_OUT,
    TB_CFG_LANG,
    TB_CFG_RENDER,
    TB_CFG_TITLE,
    TB_CFG_SOURCE,
    TB_CFG_FAIL_OFF_TRACK,
    TB_CFG_NKEYS
} tb_config_key;

/* The setting's name in the file ("fail_off_track"); NULL when out of range. */
const char *tb_config_key_name(tb_config_key k);

/* A file's settings.  Strings and lists are NULL (and counts 0) when the
 * file does not set them; the ints are -1 then.  Paths (data, files,
 * targets, out) are already resolved against the file's folder. */
typedef struct {
    char *path;                 /* the file as given */
    char *data;
    char **files;               /* patterns expanded, in name order */
    size_t nfiles;
    char *targets;              /* path, or "none" */
    char **target_ids;
    size_t ntarget_ids;
    char **regions;
    size_t nregions;
    char **themes;
    size_t nthemes;
    char *out;
    int lang;                   /* tb_lang */
    int render;                 /* 0 or 1 */
    char *title, *source;
    int fail_off_track;         /* 0 or 1 */
    long line[TB_CFG_NKEYS];    /* line of each setting, 0 when absent */
} tb_config;

/* Read PATH.  TB_EINVAL with ERR = "PATH:LINE: ..." for a mistake in the
 * file, TB_EIO when it cannot be read, TB_ENOMEM. */
tb_status tb_config_load(const char *path, tb_config **out, tb_error *err);

void tb_config_free(tb_config *c); /* NULL is a no-op */

/* Split a comma-separated LIST into trimmed items (for the options that
 * mirror list settings).  An empty item ("a,,b", a trailing comma) is an
 * error (TB_EINVAL, message names WHAT: "regions: empty item in the
 * list; expected names separated by single commas").  *OUT is a
 * NULL-terminated array; free it with tb_config_list_free. */
tb_status tb_config_split(const char *list, const char *what, char ***out,
                          size_t *n, tb_error *err);
void tb_config_list_free(char **list); /* NULL is a no-op */

#endif

/* trendbeeld — an output folder replaced all or nothing.
 *
 * `report` and `plot` write many files (a report about 66).  Renaming
 * them one by one leaves a mix of old and new when a run is killed or a
 * rename fails, so a run writes everything into a fresh staging folder
 * next to the output folder, syncs it to disk, and swaps the two folders
 * in one step (renameat2 RENAME_EXCHANGE): whenever the run stops, the
 * output folder holds either the old files or the new ones, whole.  The
 * old folder, now at the staging name, is then removed.
 *
 * The output folder may hold other files (an analyst's notes, the charts
 * of `plot` beside a report).  Each command keeps a list of the files it
 * wrote, with their size and time (MANIFEST, e.g. .trendbeeld-manifest).
 * On commit every entry of the old folder that is not on that list, or
 * that no longer matches it, is carried into the new folder before the
 * swap: files as hard links (no copy), symbolic links as links (never
 * followed), folders entry by entry.  So the only files a run ever drops
 * are its own, unchanged, and files of the names it writes itself (an
 * image drawn by hand from a .gp, a report.md edited by hand), which it
 * replaces with a warning.  A link, folder or special file where the run
 * writes a file (a `tables` link) is an error that leaves everything as
 * it was.
 *
 * Staging folders are named .NAME.trendbeeld-PID-XXXXXX next to NAME;
 * those of runs that are no longer alive are removed when a new run
 * begins.  On a file system without RENAME_EXCHANGE the swap is two
 * renames (the old folder moved aside first), and a run killed between
 * them leaves the old folder under the staging name.
 *
 * Test hook: with TRENDBEELD_KILL_AT=N in the environment, the process
 * kills itself (SIGKILL) at step N of the transaction (every file
 * closed, entry carried, sync, swap and removal is a step), so that tests
 * can stop it anywhere.
 */
#ifndef TRENDBEELD_OUTDIR_H
#define TRENDBEELD_OUTDIR_H

#include <stdio.h>

#include "trendbeeld/error.h"

typedef struct tb_outdir tb_outdir;

/* Begin replacing the folder DIR (made when missing, on commit).  Writes
 * go to a staging folder; MANIFEST is the command's file list, COMMAND
 * its name for the list's heading. */
tb_status tb_outdir_begin(const char *dir, const char *manifest, const char *command,
                          tb_outdir **out, tb_error *err);

/* The staging folder: gnuplot renders there, images land there. */
const char *tb_outdir_staging(const tb_outdir *o);

/* Make the sub-folder REL (one level, e.g. "tables") in the staging folder
 * (synced on commit). */
tb_status tb_outdir_mkdir(tb_outdir *o, const char *rel, tb_error *err);

/* Create REL (a new file) in the staging folder for writing. */
tb_status tb_outdir_open(tb_outdir *o, const char *rel, FILE **f, tb_error *err);

/* Flush, sync and close F, opened as REL; a failed write is an error. */
tb_status tb_outdir_close(tb_outdir *o, FILE *f, const char *rel, tb_error *err);

/* Take REL, made in the staging folder by another program (an image by
 * gnuplot), into the run's files. */
tb_status tb_outdir_add(tb_outdir *o, const char *rel, tb_error *err);

/* Carry the other files over, write the file list, sync, swap the folders
 * and remove the old one.  A file of the old folder that cannot be
 * removed is a warning in WARN (may be NULL).  On error nothing changed.
 * O is freed either way. */
tb_status tb_outdir_commit(tb_outdir *o, tb_diag *warn, tb_error *err);

/* Drop the staging folder; the output folder is untouched.  NULL is a
 * no-op. */
void tb_outdir_abort(tb_outdir *o);

#endif

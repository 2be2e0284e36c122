/* fascia-handout.h — a printable document for a client: flowing text with headings, lists,
 * numbered steps and figures, laid out with Pango into pages and written as a PDF or drawn
 * page by page for a print operation. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define FASCIA_HANDOUT_ERROR (fascia_handout_error_quark ())

typedef enum
{
  FASCIA_HANDOUT_ERROR_WRITE,
  FASCIA_HANDOUT_ERROR_MISSING,   /* a plan, client or record the handout needs is gone */
} FasciaHandoutError;

GQuark fascia_handout_error_quark (void);

typedef enum
{
  FASCIA_PAPER_A4,
  FASCIA_PAPER_LETTER,
} FasciaPaper;

/* The smallest text on paper, labels of a drawn diagram included, in points: what a printed
 * clinical chart can be read at. */
#define FASCIA_HANDOUT_MIN_TEXT_PT 7.5

/* Draws a figure into the box (0, 0, width, height), in points. */
typedef void (*FasciaHandoutDrawFunc) (cairo_t  *cr,
                                       double    width,
                                       double    height,
                                       gpointer  user_data);

#define FASCIA_TYPE_HANDOUT (fascia_handout_get_type ())

G_DECLARE_FINAL_TYPE (FasciaHandout, fascia_handout, FASCIA, HANDOUT, GObject)

FasciaHandout *fascia_handout_new            (const char            *title);
void           fascia_handout_set_letterhead (FasciaHandout         *self,
                                              const char            *clinic,
                                              const char            *therapist,
                                              const char            *contact);
void           fascia_handout_set_byline     (FasciaHandout         *self,
                                              const char            *byline);
void           fascia_handout_add_heading    (FasciaHandout         *self,
                                              const char            *text);
void           fascia_handout_add_subheading (FasciaHandout         *self,
                                              const char            *text);
void           fascia_handout_add_paragraph  (FasciaHandout         *self,
                                              const char            *text);
void           fascia_handout_add_bullet     (FasciaHandout         *self,
                                              const char            *text);
void           fascia_handout_add_step       (FasciaHandout         *self,
                                              guint                  number,
                                              const char            *text);
void           fascia_handout_add_figure     (FasciaHandout         *self,
                                              double                 aspect,
                                              double                 max_height,
                                              FasciaHandoutDrawFunc  draw,
                                              gpointer               user_data,
                                              GDestroyNotify         destroy,
                                              const char            *caption);

char          *fascia_handout_dup_text       (FasciaHandout         *self);

guint          fascia_handout_paginate       (FasciaHandout         *self,
                                              double                 page_width,
                                              double                 page_height);
void           fascia_handout_draw_page      (FasciaHandout         *self,
                                              cairo_t               *cr,
                                              guint                  page);
gboolean       fascia_handout_write_pdf      (FasciaHandout         *self,
                                              const char            *path,
                                              FasciaPaper            paper,
                                              GError               **error);
GBytes        *fascia_handout_to_pdf         (FasciaHandout         *self,
                                              FasciaPaper            paper,
                                              GError               **error);

void           fascia_paper_get_size         (FasciaPaper            paper,
                                              double                *width,
                                              double                *height);
gboolean       fascia_paper_from_string      (const char            *name,
                                              FasciaPaper           *paper);

G_END_DECLS

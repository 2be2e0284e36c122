/* fascia-handout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-handout"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-handout.h"

/*
 * A handout is a list of blocks. fascia_handout_paginate() measures every block with
 * Pango at 72 units per inch (one unit is one PDF point) and cuts the list into pages:
 * text blocks split between lines, headings stay with what follows them, figures move
 * whole to the next page. Drawing a page then only replays what paginate placed, so the
 * PDF writer and a GtkPrintOperation draw the very same pages.
 */

G_DEFINE_QUARK (fascia-handout-error-quark, fascia_handout_error)

#define MARGIN          56.0   /* 2 cm */
#define FOOTER_HEIGHT   18.0
#define BODY_FONT       "Cantarell, DejaVu Sans, sans-serif 10.5"
#define HEADING_FONT    "Cantarell, DejaVu Sans, sans-serif Bold 14"
#define SUBHEADING_FONT "Cantarell, DejaVu Sans, sans-serif Bold 11.5"
#define TITLE_FONT      "Cantarell, DejaVu Sans, sans-serif Bold 18"
#define SMALL_FONT      "Cantarell, DejaVu Sans, sans-serif 8.5"
#define CLINIC_FONT     "Cantarell, DejaVu Sans, sans-serif Bold 13"
#define LIST_INDENT     18.0
/* Pango lays out one paragraph of several hundred kilobytes as a single line, so longer
 * texts (a pasted note) are cut into runs of about this many bytes that flow as one. */
#define MAX_RUN_BYTES   8192

typedef enum
{
  BLOCK_TITLE,
  BLOCK_BYLINE,
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_BULLET,
  BLOCK_STEP,
  BLOCK_FIGURE,
  BLOCK_CAPTION,
} BlockKind;

typedef struct
{
  BlockKind              kind;
  gboolean               continuation; /* the rest of the block before it */
  char                  *text;
  char                  *marker;       /* "•" or "3." in the margin of a list item */

  /* Figures */
  double                 aspect;       /* height / width */
  double                 max_height;
  FasciaHandoutDrawFunc  draw;
  gpointer               draw_data;
  GDestroyNotify         draw_destroy;

  /* Set by paginate */
  PangoLayout           *layout;
  GArray                *lines;        /* of LineRange, the layout's lines in points */
  double                 indent;
  PangoLayout           *marker_layout;
  double                 figure_width;
  double                 figure_height;
} Block;

typedef struct
{
  double top;
  double bottom;
} LineRange;

/* A run of a block's lines (or the whole figure) placed on a page. */
typedef struct
{
  Block  *block;
  guint   first_line;
  guint   n_lines;
  double  y;           /* top of the first line, in points from the page top */
  double  line_top;    /* the layout's y of the first line, to shift by */
} Placement;

struct _FasciaHandout
{
  GObject       parent_instance;

  /* Owned */
  char         *title;
  char         *clinic;
  char         *therapist;
  char         *contact;
  GPtrArray    *blocks;       /* of Block */
  GPtrArray    *pages;        /* of GArray of Placement */
  PangoContext *context;
  double        page_width;
  double        page_height;
};

G_DEFINE_FINAL_TYPE (FasciaHandout, fascia_handout, G_TYPE_OBJECT)

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_free (block->marker);
  if (block->draw_destroy != NULL)
    block->draw_destroy (block->draw_data);
  g_clear_object (&block->layout);
  g_clear_object (&block->marker_layout);
  g_clear_pointer (&block->lines, g_array_unref);
  g_free (block);
}

static Block *
add_block (FasciaHandout *self,
           BlockKind      kind,
           const char    *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (self->blocks, block);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  return block;
}

/**
 * fascia_handout_dup_text:
 *
 * Returns: (transfer full): every text block of the handout, one a line, in order: what a
 *   reader of the PDF reads, for checks and for a plain-text copy.
 */
char *
fascia_handout_dup_text (FasciaHandout *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (FASCIA_IS_HANDOUT (self), NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == BLOCK_FIGURE)
        continue;
      if (!block->continuation && text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, block->text);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * fascia_handout_new:
 * @title: the document's title, shown on the first page and stored in the PDF
 *
 * Returns: (transfer full): an empty handout
 */
FasciaHandout *
fascia_handout_new (const char *title)
{
  FasciaHandout *self;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (FASCIA_TYPE_HANDOUT, NULL);
  self->title = g_strdup (title);
  add_block (self, BLOCK_TITLE, title);

  return self;
}

/* Adds @text as one block, or as several that continue each other when it is long. */
static Block *
add_text_blocks (FasciaHandout *self,
                 BlockKind      kind,
                 const char    *text)
{
  Block *first = NULL;
  const char *p = text;

  do
    {
      const char *end = p + strlen (p);
      Block *block;

      if (end - p > MAX_RUN_BYTES)
        {
          const char *cut = p + MAX_RUN_BYTES;

          /* Cut after a space if there is one near; else at a character boundary. */
          end = cut;
          while (end > cut - 512 && *end != ' ' && *end != '\n')
            end--;
          if (*end == ' ' || *end == '\n')
            end++;
          else
            end = g_utf8_find_prev_char (p, cut + 1);
        }

      block = add_block (self, kind, NULL);
      g_free (block->text);
      block->text = g_strndup (p, end - p);
      block->continuation = first != NULL;
      if (first == NULL)
        first = block;
      p = end;
    }
  while (*p != '\0');

  return first;
}

void
fascia_handout_set_letterhead (FasciaHandout *self,
                               const char    *clinic,
                               const char    *therapist,
                               const char    *contact)
{
  g_return_if_fail (FASCIA_IS_HANDOUT (self));

  g_free (self->clinic);
  g_free (self->therapist);
  g_free (self->contact);
  /* An empty line is no line: the letterhead is left out when all three are empty. */
  self->clinic = clinic != NULL && *clinic != '\0' ? g_strdup (clinic) : NULL;
  self->therapist = therapist != NULL && *therapist != '\0' ? g_strdup (therapist) : NULL;
  self->contact = contact != NULL && *contact != '\0' ? g_strdup (contact) : NULL;
  g_clear_pointer (&self->pages, g_ptr_array_unref);
}

void
fascia_handout_set_byline (FasciaHandout *self,
                           const char    *byline)
{
  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (byline != NULL);

  add_text_blocks (self, BLOCK_BYLINE, byline);
}

void
fascia_handout_add_heading (FasciaHandout *self,
                            const char    *text)
{
  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (text != NULL);

  add_text_blocks (self, BLOCK_HEADING, text);
}

void
fascia_handout_add_subheading (FasciaHandout *self,
                               const char    *text)
{
  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (text != NULL);

  add_text_blocks (self, BLOCK_SUBHEADING, text);
}

void
fascia_handout_add_paragraph (FasciaHandout *self,
                              const char    *text)
{
  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (text != NULL);

  add_text_blocks (self, BLOCK_PARAGRAPH, text);
}

void
fascia_handout_add_bullet (FasciaHandout *self,
                           const char    *text)
{
  Block *block;

  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (text != NULL);

  block = add_text_blocks (self, BLOCK_BULLET, text);
  block->marker = g_strdup ("•");
}

void
fascia_handout_add_step (FasciaHandout *self,
                         guint          number,
                         const char    *text)
{
  Block *block;

  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (text != NULL);

  block = add_text_blocks (self, BLOCK_STEP, text);
  block->marker = g_strdup_printf ("%u.", number);
}

/**
 * fascia_handout_add_figure:
 * @aspect: the figure's height divided by its width
 * @max_height: the tallest the figure may be, in points
 * @draw: (scope notified): draws the figure into its box
 * @caption: (nullable): a line of text under the figure
 *
 * Adds a figure as wide as the text column allows within @max_height, centred.
 */
void
fascia_handout_add_figure (FasciaHandout         *self,
                           double                 aspect,
                           double                 max_height,
                           FasciaHandoutDrawFunc  draw,
                           gpointer               user_data,
                           GDestroyNotify         destroy,
                           const char            *caption)
{
  Block *block;

  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (aspect > 0 && max_height > 0);
  g_return_if_fail (draw != NULL);

  block = add_block (self, BLOCK_FIGURE, NULL);
  block->aspect = aspect;
  block->max_height = max_height;
  block->draw = draw;
  block->draw_data = user_data;
  block->draw_destroy = destroy;

  if (caption != NULL)
    add_block (self, BLOCK_CAPTION, caption);
}

static const char *
block_font (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_TITLE:
      return TITLE_FONT;
    case BLOCK_HEADING:
      return HEADING_FONT;
    case BLOCK_SUBHEADING:
      return SUBHEADING_FONT;
    case BLOCK_CAPTION:
      return SMALL_FONT;
    case BLOCK_BYLINE:
    case BLOCK_PARAGRAPH:
    case BLOCK_BULLET:
    case BLOCK_STEP:
    case BLOCK_FIGURE:
    default:
      return BODY_FONT;
    }
}

/* Space above a block, in points. */
static double
block_space_before (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_HEADING:
      return 16.0;
    case BLOCK_SUBHEADING:
      return 9.0;
    case BLOCK_FIGURE:
      return 8.0;
    case BLOCK_TITLE:
    case BLOCK_BYLINE:
    case BLOCK_CAPTION:
    case BLOCK_BULLET:
    case BLOCK_STEP:
      return 2.0;
    case BLOCK_PARAGRAPH:
    default:
      return 5.0;
    }
}

static gboolean
block_keeps_with_next (BlockKind kind)
{
  return kind == BLOCK_HEADING || kind == BLOCK_SUBHEADING || kind == BLOCK_TITLE;
}

/* List items, and the runs that continue them, are indented past their marker. */
static double
block_indent (FasciaHandout *self,
              guint          index)
{
  Block *block = g_ptr_array_index (self->blocks, index);

  while (block->continuation && index > 0)
    block = g_ptr_array_index (self->blocks, --index);

  return block->marker != NULL ? LIST_INDENT : 0.0;
}

static PangoLayout *
make_layout (FasciaHandout *self,
             const char    *font,
             const char    *text,
             double         width)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Long words, URLs and pasted notes without spaces wrap too, rather than leave the page. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static GArray *
measure_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (LineRange));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      LineRange range;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      range.top = (double) y0 / PANGO_SCALE;
      range.bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (lines, range);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return lines;
}

static double
first_page_top (FasciaHandout *self)
{
  /* The letterhead: clinic, therapist and contact, then a rule. */
  return self->clinic != NULL || self->therapist != NULL || self->contact != NULL
         ? MARGIN + 46.0
         : MARGIN;
}

static GArray *
new_page (GPtrArray *pages)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_ptr_array_add (pages, page);
  return page;
}

/* Height of the first @n lines of @block, or of the whole figure. */
static double
block_lead_height (Block *block,
                   guint  n)
{
  if (block->kind == BLOCK_FIGURE)
    return block->figure_height;

  return g_array_index (block->lines, LineRange, MIN (n, block->lines->len) - 1).bottom;
}

/* A section at most this part of a page long (a list of a dozen short lines) is never split
 * between pages; a longer one may be, after its first lines. */
#define SHORT_SECTION 0.25

/* The height of the section that the heading at @index starts: the heading and every block
 * up to the next heading or figure, with the space between them. A section that ends in its
 * figure ("Body chart", a note, the drawing) counts the figure and its caption too, and sets
 * @with_figure: a heading is never left at the foot of a page while its drawing goes on. */
static double
section_height (FasciaHandout *self,
                guint          index,
                gboolean      *with_figure)
{
  Block *heading = g_ptr_array_index (self->blocks, index);
  double height = block_lead_height (heading, G_MAXUINT);

  *with_figure = FALSE;
  for (guint i = index + 1; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block_keeps_with_next (block->kind))
        break;
      height += (block->continuation ? 0.0 : block_space_before (block->kind))
                + block_lead_height (block, G_MAXUINT);
      if (block->kind == BLOCK_FIGURE)
        {
          Block *caption = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1)
                                                     : NULL;

          if (caption != NULL && caption->kind == BLOCK_CAPTION)
            height += block_space_before (caption->kind) + block_lead_height (caption, G_MAXUINT);
          *with_figure = TRUE;
          break;
        }
    }

  return height;
}

/**
 * fascia_handout_paginate:
 * @page_width: in points
 * @page_height: in points
 *
 * Lays the handout out on pages of this size.
 *
 * Returns: the number of pages
 */
guint
fascia_handout_paginate (FasciaHandout *self,
                         double         page_width,
                         double         page_height)
{
  double column = page_width - 2 * MARGIN;
  double bottom = page_height - MARGIN - FOOTER_HEIGHT;
  GArray *page;
  double y;

  g_return_val_if_fail (FASCIA_IS_HANDOUT (self), 0);
  g_return_val_if_fail (page_width > 2 * MARGIN + 100 && page_height > 2 * MARGIN + 200, 0);

  self->page_width = page_width;
  self->page_height = page_height;
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Measure. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double indent = block_indent (self, i);

      block->indent = indent;
      g_clear_object (&block->layout);
      g_clear_object (&block->marker_layout);
      g_clear_pointer (&block->lines, g_array_unref);

      if (block->kind == BLOCK_FIGURE)
        {
          double usable = bottom - first_page_top (self);

          block->figure_width = column;
          block->figure_height = column * block->aspect;
          if (block->figure_height > MIN (block->max_height, usable))
            {
              block->figure_height = MIN (block->max_height, usable);
              block->figure_width = block->figure_height / block->aspect;
            }
          continue;
        }

      block->layout = make_layout (self, block_font (block->kind), block->text, column - indent);
      if (block->marker != NULL)
        block->marker_layout = make_layout (self, BODY_FONT, block->marker, LIST_INDENT);
      if (block->kind == BLOCK_CAPTION)
        pango_layout_set_alignment (block->layout, PANGO_ALIGN_CENTER);
      block->lines = measure_lines (block->layout);
    }

  /* Flow. */
  page = new_page (self->pages);
  y = first_page_top (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      gboolean page_empty = page->len == 0;
      double before = page_empty || block->continuation ? 0.0 : block_space_before (block->kind);
      double needed = block_lead_height (block, 2);
      guint line;

      /* A heading needs the start of what follows it on the same page; a short section
       * (a few bullets) goes whole, so that no tail of it is left alone on the next page. */
      if (block_keeps_with_next (block->kind) && i + 1 < self->blocks->len)
        {
          gboolean with_figure;
          double section = section_height (self, i, &with_figure);

          if (section <= SHORT_SECTION * (bottom - MARGIN)
              || (with_figure && section <= bottom - MARGIN))
            needed = section;
          else
            needed += block_space_before (((Block *) g_ptr_array_index (self->blocks, i + 1))->kind)
                      + block_lead_height (g_ptr_array_index (self->blocks, i + 1), 2);
        }

      if (!page_empty && y + before + needed > bottom)
        {
          page = new_page (self->pages);
          y = MARGIN;
          before = 0.0;
        }
      y += before;

      if (block->kind == BLOCK_FIGURE)
        {
          Placement placement = { block, 0, 0, y, 0.0 };

          g_array_append_val (page, placement);
          y += block->figure_height;
          continue;
        }

      line = 0;
      while (line < block->lines->len)
        {
          Placement placement = { block, line, 0, y, 0.0 };
          double top = g_array_index (block->lines, LineRange, line).top;

          placement.line_top = top;

          /* Take the lines that fit; a page that is still empty takes at least one. */
          while (line < block->lines->len)
            {
              double line_bottom = g_array_index (block->lines, LineRange, line).bottom;

              if (y + (line_bottom - top) > bottom && (placement.n_lines > 0 || page->len > 0))
                break;
              placement.n_lines++;
              line++;
            }

          if (placement.n_lines > 0)
            {
              g_array_append_val (page, placement);
              y += g_array_index (block->lines, LineRange, line - 1).bottom - top;
            }

          if (line < block->lines->len)
            {
              page = new_page (self->pages);
              y = MARGIN;
            }
        }
    }

  return self->pages->len;
}

static void
draw_layout_lines (cairo_t     *cr,
                   PangoLayout *layout,
                   guint        first,
                   guint        n,
                   double       x,
                   double       y,
                   double       line_top)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint index = 0;

  do
    {
      if (index >= first && index < first + n)
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) baseline / PANGO_SCALE - line_top);
          pango_cairo_show_layout_line (cr, line);
        }
      index++;
    }
  while (index < first + n && pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
draw_letterhead (FasciaHandout *self,
                 cairo_t       *cr)
{
  double column = self->page_width - 2 * MARGIN;
  g_autoptr(PangoLayout) clinic = NULL;
  g_autoptr(PangoLayout) details = NULL;
  g_autofree char *detail_text = NULL;
  g_autoptr(GPtrArray) parts = NULL;

  if (first_page_top (self) == MARGIN)
    return;

  parts = g_ptr_array_new ();
  if (self->therapist != NULL && *self->therapist)
    g_ptr_array_add (parts, self->therapist);
  if (self->contact != NULL && *self->contact)
    g_ptr_array_add (parts, self->contact);
  g_ptr_array_add (parts, NULL);
  detail_text = g_strjoinv ("  ·  ", (char **) parts->pdata);

  clinic = make_layout (self, CLINIC_FONT, self->clinic != NULL ? self->clinic : "", column);
  details = make_layout (self, SMALL_FONT, detail_text, column);
  pango_layout_set_ellipsize (clinic, PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize (details, PANGO_ELLIPSIZE_END);

  cairo_set_source_rgb (cr, 0.42, 0.12, 0.09);
  cairo_move_to (cr, MARGIN, MARGIN);
  pango_cairo_show_layout (cr, clinic);

  cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
  cairo_move_to (cr, MARGIN, MARGIN + 19.0);
  pango_cairo_show_layout (cr, details);

  cairo_set_source_rgb (cr, 0.75, 0.22, 0.17);
  cairo_set_line_width (cr, 1.2);
  cairo_move_to (cr, MARGIN, MARGIN + 36.0);
  cairo_line_to (cr, self->page_width - MARGIN, MARGIN + 36.0);
  cairo_stroke (cr);
}

static void
draw_footer (FasciaHandout *self,
             cairo_t       *cr,
             guint          page)
{
  double column = self->page_width - 2 * MARGIN;
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the footer of each handout page, e.g. "Page 2 of 3" */
  text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  layout = make_layout (self, SMALL_FONT, text, column);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_move_to (cr, MARGIN, self->page_height - MARGIN - 10.0);
  pango_cairo_show_layout (cr, layout);
}

/**
 * fascia_handout_draw_page:
 * @cr: a context whose user space is the page, in points
 * @page: a page number from 0, after fascia_handout_paginate()
 */
void
fascia_handout_draw_page (FasciaHandout *self,
                          cairo_t       *cr,
                          guint          page)
{
  GArray *placements;

  g_return_if_fail (FASCIA_IS_HANDOUT (self));
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page < self->pages->len);

  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  if (page == 0)
    draw_letterhead (self, cr);

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      Block *block = p->block;
      double indent = block->indent;

      if (block->kind == BLOCK_FIGURE)
        {
          double x = MARGIN + (self->page_width - 2 * MARGIN - block->figure_width) / 2;

          cairo_save (cr);
          cairo_translate (cr, x, p->y);
          cairo_rectangle (cr, 0, 0, block->figure_width, block->figure_height);
          cairo_clip (cr);
          block->draw (cr, block->figure_width, block->figure_height, block->draw_data);
          cairo_restore (cr);
          continue;
        }

      switch (block->kind)
        {
        case BLOCK_TITLE:
        case BLOCK_HEADING:
          cairo_set_source_rgb (cr, 0.42, 0.12, 0.09);
          break;
        case BLOCK_BYLINE:
        case BLOCK_CAPTION:
          cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
          break;
        case BLOCK_SUBHEADING:
        case BLOCK_PARAGRAPH:
        case BLOCK_BULLET:
        case BLOCK_STEP:
        case BLOCK_FIGURE:
        default:
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          break;
        }

      if (block->marker_layout != NULL && p->first_line == 0)
        draw_layout_lines (cr, block->marker_layout, 0, 1, MARGIN + 2.0, p->y, 0.0);

      draw_layout_lines (cr, block->layout, p->first_line, p->n_lines, MARGIN + indent, p->y,
                         p->line_top);
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}

void
fascia_paper_get_size (FasciaPaper  paper,
                       double      *width,
                       double      *height)
{
  switch (paper)
    {
    case FASCIA_PAPER_LETTER:
      *width = 612.0;
      *height = 792.0;
      break;
    case FASCIA_PAPER_A4:
    default:
      *width = 595.276;
      *height = 841.89;
      break;
    }
}

/**
 * fascia_paper_from_string:
 * @name: "a4" or "letter", in any case
 *
 * Returns: whether @name is a paper size Fascia knows
 */
gboolean
fascia_paper_from_string (const char  *name,
                          FasciaPaper *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = FASCIA_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = FASCIA_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}

static cairo_status_t
write_to_file_cb (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  return fascia_file_writer_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                          : CAIRO_STATUS_WRITE_ERROR;
}

/* Draws every page of the handout as a PDF to @func; returns cairo's status. */
static cairo_status_t
render_pdf (FasciaHandout      *self,
            FasciaPaper         paper,
            cairo_write_func_t  func,
            gpointer            closure)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  guint pages;
  cairo_t *cr;

  fascia_paper_get_size (paper, &width, &height);
  pages = fascia_handout_paginate (self, width, height);

  surface = cairo_pdf_surface_create_for_stream (func, closure, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->clinic != NULL && *self->clinic)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->clinic);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Treatment plan handout"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  PACKAGE_NAME " " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  cr = cairo_create (surface);
  for (guint i = 0; i < pages; i++)
    {
      fascia_handout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/**
 * fascia_handout_write_pdf:
 * @path: the PDF to write; replaced only once the new one is complete
 *
 * Writes the handout through a fresh temporary file beside @path, mode 0600 because it names
 * a client, and renames it into place. A symbolic link, a device or a folder at @path is
 * refused and left as it is.
 *
 * Returns: whether the PDF was written
 */
gboolean
fascia_handout_write_pdf (FasciaHandout  *self,
                          const char     *path,
                          FasciaPaper     paper,
                          GError        **error)
{
  g_autoptr(FasciaFileWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_status_t status;

  g_return_val_if_fail (FASCIA_IS_HANDOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  writer = fascia_file_writer_new (path, FASCIA_FILE_WRITE_PRIVATE, &local_error);
  if (writer == NULL)
    {
      g_set_error_literal (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }

  status = render_pdf (self, paper, write_to_file_cb, writer);
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE,
                   _("Could not write the handout “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  /* A write error is the writer's, with its reason (a full disk). */
  if (!fascia_file_writer_commit (writer, &local_error))
    {
      g_set_error_literal (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * fascia_handout_to_pdf:
 *
 * The handout as a PDF in memory, as fascia_handout_write_pdf() would write it: for a worker
 * that writes it with other work's file handling (fascia_store_export_file()).
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with @error set
 */
GBytes *
fascia_handout_to_pdf (FasciaHandout  *self,
                       FasciaPaper     paper,
                       GError        **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_status_t status;

  g_return_val_if_fail (FASCIA_IS_HANDOUT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  status = render_pdf (self, paper, append_cb, pdf);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FASCIA_HANDOUT_ERROR, FASCIA_HANDOUT_ERROR_WRITE,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

static void
fascia_handout_finalize (GObject *object)
{
  FasciaHandout *self = FASCIA_HANDOUT (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->clinic, g_free);
  g_clear_pointer (&self->therapist, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (fascia_handout_parent_class)->finalize (object);
}

static void
fascia_handout_class_init (FasciaHandoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fascia_handout_finalize;
}

static void
fascia_handout_init (FasciaHandout *self)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->blocks = g_ptr_array_new_with_free_func (block_free);

  /* One unit is one point, and metrics are not hinted, so that the layout measured here is
   * the layout drawn on any surface, PDF or printer. */
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

/* fascia-diagram-scan.c — reads a view's region ids with GMarkup, since librsvg cannot list
 * them, and checks them against the region convention and the atlas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-diagram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fascia/fascia-landmark.h"
#include "fascia/fascia-muscle.h"

#include "fascia-diagram-private.h"

typedef struct
{
  int      layer;    /* the innermost layer in effect inside this element, or -1 */
  gboolean in_defs;  /* inside <defs> or a paint server: ids there are not regions */
} Frame;

typedef struct
{
  FasciaDiagramData *data;
  FasciaAtlas       *atlas;
  GArray            *frames;
  GArray            *region_layer;
  GArray            *region_hidden;
  guint              n_elements;
  gboolean           only_layers;   /* every drawable child of the root is a layer so far */
  gboolean           seen_labels;   /* the root's `labels` layer has begun */
  guint              labels_depth;  /* frames of the `labels` layer's children, or 0 */
  guint              labels_child;  /* children of the `labels` layer so far */
  GString           *label_text;    /* the text of the label being read, or NULL */
} Scan;

static gboolean
is_slug (const char *text,
         gsize       len)
{
  gboolean after_dash = TRUE;

  if (len == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '-')
        {
          if (after_dash)
            return FALSE;
          after_dash = TRUE;
        }
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        after_dash = FALSE;
      else
        return FALSE;
    }

  return !after_dash;
}

/* Strips a trailing "-l" or "-r" from [text, text + *len). */
static FasciaSide
strip_side (const char *text,
            gsize      *len)
{
  if (*len > 2 && text[*len - 2] == '-')
    {
      if (text[*len - 1] == 'l')
        {
          *len -= 2;
          return FASCIA_SIDE_LEFT;
        }
      if (text[*len - 1] == 'r')
        {
          *len -= 2;
          return FASCIA_SIDE_RIGHT;
        }
    }

  return FASCIA_SIDE_NONE;
}

/**
 * fascia_diagram_parse_region_id:
 * @id: an element id
 * @kind: (out): the region's kind
 * @side: (out): the subject's side, or %FASCIA_SIDE_NONE for a midline region
 * @atlas_id: (out) (transfer full): the muscle or landmark id
 * @n: (out): the trigger point number, or 0
 *
 * Parses an id written to the region convention (`m-`, `b-`, `tp-`, `rz-`).
 *
 * Returns: %FALSE when @id is not a region id.
 */
gboolean
fascia_diagram_parse_region_id (const char        *id,
                                FasciaRegionKind  *kind,
                                FasciaSide        *side,
                                char             **atlas_id,
                                guint             *n)
{
  const char *rest;
  gsize len;

  *n = 0;

  if (g_str_has_prefix (id, "m-"))
    *kind = FASCIA_REGION_MUSCLE, rest = id + 2;
  else if (g_str_has_prefix (id, "b-"))
    *kind = FASCIA_REGION_LANDMARK, rest = id + 2;
  else if (g_str_has_prefix (id, "tp-"))
    *kind = FASCIA_REGION_TRIGGER_POINT, rest = id + 3;
  else if (g_str_has_prefix (id, "rz-"))
    *kind = FASCIA_REGION_REFERRAL_ZONE, rest = id + 3;
  else
    return FALSE;

  len = strlen (rest);
  *side = strip_side (rest, &len);

  if (*kind == FASCIA_REGION_TRIGGER_POINT || *kind == FASCIA_REGION_REFERRAL_ZONE)
    {
      gsize digits = 0;
      guint64 value;

      while (digits < len && g_ascii_isdigit (rest[len - 1 - digits]))
        digits++;

      /* "-<n>" with n from 1 to 999 and no leading zero */
      if (digits == 0 || digits > 3 || digits + 1 >= len || rest[len - 1 - digits] != '-' ||
          rest[len - digits] == '0')
        return FALSE;

      value = g_ascii_strtoull (rest + len - digits, NULL, 10);
      *n = (guint) value;
      len -= digits + 1;
    }

  if (!is_slug (rest, len))
    return FALSE;

  *atlas_id = g_strndup (rest, len);
  return TRUE;
}

static gboolean
is_layer_id (const char *id)
{
  return g_str_equal (id, "labels") ||
         (g_str_has_prefix (id, "layer-") && is_slug (id + 6, strlen (id + 6)));
}

/* Elements whose content is only drawn where something refers to it. */
static gboolean
is_resource_element (const char *name)
{
  static const char * const names[] = {
    "defs", "pattern", "clipPath", "mask", "marker", "symbol", "linearGradient",
    "radialGradient", "filter", "style", "title", "desc", "metadata",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;

  return FALSE;
}

static gboolean
is_display_none (const char *display,
                 const char *style)
{
  if (display != NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (display));

      if (g_str_equal (value, "none"))
        return TRUE;
    }

  if (style != NULL)
    {
      g_autofree char *squeezed = g_strdup (style);
      char *out = squeezed;

      for (const char *in = style; *in != '\0'; in++)
        if (!g_ascii_isspace (*in))
          *out++ = *in;
      *out = '\0';

      if (strstr (squeezed, "display:none") != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A length as a plain number; units are ignored, since only the order of magnitude matters. */
static double
parse_number (const char *text)
{
  if (text == NULL)
    return 0;

  return g_ascii_strtod (text, NULL);
}

/* Whether an element has a transform of its own, as an attribute or in its style. */
static gboolean
has_transform (const char **names,
               const char **values)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "transform")
        || (g_str_equal (names[i], "style") && strstr (values[i], "transform") != NULL))
      return TRUE;

  return FALSE;
}

/* The points of a path made of straight lines in absolute coordinates ("M305.2,143.8 L317.2,
 * 143.8 L488,143.8"), at most FASCIA_DIAGRAM_LEADER_POINTS; 0 for any other path. */
static guint
parse_leader (const char *d,
              double      points[][2])
{
  const char *p = d;
  guint n = 0;

  while (*p != '\0')
    {
      char *end;
      double x, y;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      if ((*p == 'M' && n == 0) || (*p == 'L' && n > 0))
        p++;
      else if (n == 0 || !(g_ascii_isdigit (*p) || *p == '-' || *p == '.'))
        return 0;
      x = g_ascii_strtod (p, &end);
      if (end == p)
        return 0;
      p = end;
      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      y = g_ascii_strtod (p, &end);
      if (end == p || n == FASCIA_DIAGRAM_LEADER_POINTS || !isfinite (x) || !isfinite (y))
        return 0;
      p = end;
      points[n][0] = x;
      points[n][1] = y;
      n++;
    }

  return n >= 2 ? n : 0;
}

static gboolean
check_root_size (GMarkupParseContext  *context,
                 const char          **names,
                 const char          **values,
                 GError              **error)
{
  double dims[2] = { 0, 0 };

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "width"))
        dims[0] = MAX (dims[0], parse_number (values[i]));
      else if (g_str_equal (names[i], "height"))
        dims[1] = MAX (dims[1], parse_number (values[i]));
      else if (g_str_equal (names[i], "viewBox"))
        {
          g_auto(GStrv) parts = g_strsplit_set (values[i], " ,\t\n", -1);
          guint k = 0;

          for (guint j = 0; parts[j] != NULL; j++)
            {
              if (parts[j][0] == '\0')
                continue;
              if (k >= 2 && k < 4)
                dims[k - 2] = MAX (dims[k - 2], parse_number (parts[j]));
              k++;
            }
        }
    }

  if (!(dims[0] <= FASCIA_DIAGRAM_MAX_SIZE && dims[1] <= FASCIA_DIAGRAM_MAX_SIZE))
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                   "The drawing is %g × %g units; at most %g × %g are allowed",
                   dims[0], dims[1], FASCIA_DIAGRAM_MAX_SIZE, FASCIA_DIAGRAM_MAX_SIZE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_atlas (FasciaAtlas       *atlas,
             const char        *id,
             FasciaRegionKind   kind,
             const char        *atlas_id,
             guint              n,
             GError           **error)
{
  gboolean found;

  if (atlas == NULL)
    return TRUE;

  switch (kind)
    {
    case FASCIA_REGION_MUSCLE:
      found = fascia_atlas_lookup_muscle (atlas, atlas_id) != NULL;
      break;

    case FASCIA_REGION_LANDMARK:
      found = fascia_atlas_lookup_landmark (atlas, atlas_id) != NULL;
      break;

    case FASCIA_REGION_TRIGGER_POINT:
    case FASCIA_REGION_REFERRAL_ZONE:
      found = fascia_atlas_lookup_trigger_point (atlas, atlas_id, n) != NULL;
      break;

    default:
      g_assert_not_reached ();
    }

  if (!found)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_UNKNOWN_ID,
                   "Region “%s” names no atlas record", id);
      return FALSE;
    }

  return TRUE;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Scan *scan = user_data;
  FasciaDiagramData *data = scan->data;
  const Frame *parent = scan->frames->len > 0
    ? &g_array_index (scan->frames, Frame, scan->frames->len - 1) : NULL;
  Frame frame = { parent ? parent->layer : -1, parent ? parent->in_defs : FALSE };
  const char *id = NULL;
  const char *display = NULL;
  const char *style = NULL;
  FasciaRegionKind kind;
  FasciaSide side;
  g_autofree char *atlas_id = NULL;
  guint n;

  if (++scan->n_elements > FASCIA_DIAGRAM_MAX_ELEMENTS)
    {
      g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                   "The drawing has more than %d elements", FASCIA_DIAGRAM_MAX_ELEMENTS);
      return;
    }

  if (parent == NULL)
    {
      if (!g_str_equal (element_name, "svg"))
        {
          g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                       "The document is a <%s>, not an SVG drawing", element_name);
          return;
        }
      if (!check_root_size (context, attribute_names, attribute_values, error))
        return;
    }

  if (is_resource_element (element_name))
    frame.in_defs = TRUE;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_str_equal (attribute_names[i], "id"))
        id = attribute_values[i];
      else if (g_str_equal (attribute_names[i], "display"))
        display = attribute_values[i];
      else if (g_str_equal (attribute_names[i], "style"))
        style = attribute_values[i];
    }

  /* The labels can be drawn apart only when the root holds nothing drawable but layers, and
   * nothing after `labels`. */
  if (scan->frames->len == 1 && !frame.in_defs)
    {
      if (scan->seen_labels || id == NULL || !g_str_equal (element_name, "g") || !is_layer_id (id))
        scan->only_layers = FALSE;
      else if (g_str_equal (id, "labels"))
        {
          scan->seen_labels = TRUE;
          scan->labels_depth = 2;
          for (guint i = 0; attribute_names[i] != NULL; i++)
            if (g_str_equal (attribute_names[i], "font-family"))
              {
                g_free (data->label_family);
                data->label_family = g_strdup (attribute_values[i]);
              }
        }
    }

  /* A label broken onto lines: a tspan after the first begins a new line. */
  if (scan->label_text != NULL && g_str_equal (element_name, "tspan") && scan->label_text->len > 0
      && scan->label_text->len < 1024)
    g_string_append_c (scan->label_text, '\n');

  /* The labels, for presentation mode to leave out those that would overlap when larger. */
  if (scan->labels_depth > 0 && scan->frames->len == scan->labels_depth && !frame.in_defs)
    {
      scan->labels_child++;
      if (g_str_equal (element_name, "text") && data->labels->len < FASCIA_DIAGRAM_MAX_LABELS)
        {
          FasciaDiagramLabel label = { NULL, 0, 0, FALSE, FALSE, scan->labels_child, 1, 0, { { 0 } },
                                        { 0 }, 0, NULL };

          for (guint i = 0; attribute_names[i] != NULL; i++)
            {
              if (g_str_equal (attribute_names[i], "x"))
                label.x = parse_number (attribute_values[i]);
              else if (g_str_equal (attribute_names[i], "y"))
                label.y = parse_number (attribute_values[i]);
              else if (g_str_equal (attribute_names[i], "text-anchor"))
                label.end = g_str_equal (attribute_values[i], "end");
            }
          label.transformed = has_transform (attribute_names, attribute_values);
          g_array_append_val (data->labels, label);
          scan->label_text = g_string_new (NULL);
        }
      else if (data->labels->len > 0
               && g_array_index (data->labels, FasciaDiagramLabel, data->labels->len - 1).child
                  + g_array_index (data->labels, FasciaDiagramLabel, data->labels->len - 1).n_children
                  == scan->labels_child)
        {
          FasciaDiagramLabel *label = &g_array_index (data->labels, FasciaDiagramLabel,
                                                      data->labels->len - 1);

          /* The child right after the text: its leader line. */
          if (label->n_children == 1 && g_str_equal (element_name, "path")
              && !has_transform (attribute_names, attribute_values))
            {
              gboolean coloured = FALSE;
              double width = 0;

              for (guint i = 0; attribute_names[i] != NULL; i++)
                if (g_str_equal (attribute_names[i], "d"))
                  label->n_leader = parse_leader (attribute_values[i], label->leader);
                else if (g_str_equal (attribute_names[i], "stroke"))
                  coloured = fascia_diagram_parse_colour (attribute_values[i], label->leader_rgb);
                else if (g_str_equal (attribute_names[i], "stroke-width"))
                  width = parse_number (attribute_values[i]);
              if (coloured && width > 0 && width < 100)
                label->leader_width = width;
            }
          label->n_children++;
        }
    }

  if (id != NULL && !frame.in_defs)
    {
      if (g_hash_table_contains (data->region_index, id))
        {
          g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_INVALID_ID,
                       "The id “%s” is used twice", id);
          return;
        }

      if (is_layer_id (id))
        {
          FasciaDiagramLayer layer = {
            g_strdup (id), frame.layer, !is_display_none (display, style)
          };

          for (guint i = 0; i < data->layers->len; i++)
            {
              if (g_str_equal (g_array_index (data->layers, FasciaDiagramLayer, i).id, id))
                {
                  g_free (layer.id);
                  g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_INVALID_ID,
                               "The id “%s” is used twice", id);
                  return;
                }
            }

          g_array_append_val (data->layers, layer);
          frame.layer = data->layers->len - 1;
        }
      else if (fascia_diagram_parse_region_id (id, &kind, &side, &atlas_id, &n))
        {
          FasciaRegion region = { 0 };
          gboolean hidden = is_display_none (display, style);

          if (data->regions->len >= FASCIA_DIAGRAM_MAX_REGIONS)
            {
              g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_TOO_LARGE,
                           "The drawing has more than %d regions", FASCIA_DIAGRAM_MAX_REGIONS);
              return;
            }

          if (!check_atlas (scan->atlas, id, kind, atlas_id, n, error))
            return;

          region.id = g_string_chunk_insert (data->strings, id);
          region.kind = kind;
          region.side = side;
          region.atlas_id = g_string_chunk_insert_const (data->strings, atlas_id);
          region.n = n;
          g_array_append_val (data->regions, region);
          g_array_append_val (scan->region_layer, frame.layer);
          g_array_append_val (scan->region_hidden, hidden);
          g_hash_table_insert (data->region_index, (gpointer) region.id,
                               GUINT_TO_POINTER (data->regions->len));
        }
      else
        {
          g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_INVALID_ID,
                       "The id “%s” breaks the region convention", id);
          return;
        }
    }

  g_array_append_val (scan->frames, frame);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  Scan *scan = user_data;

  if (scan->label_text != NULL && scan->frames->len == scan->labels_depth + 1
      && g_str_equal (element_name, "text"))
    {
      FasciaDiagramLabel *label = &g_array_index (scan->data->labels, FasciaDiagramLabel,
                                                  scan->data->labels->len - 1);

      label->text = g_string_chunk_insert (scan->data->strings, g_strstrip (scan->label_text->str));
      g_string_free (scan->label_text, TRUE);
      scan->label_text = NULL;
    }
  if (scan->labels_depth > 0 && scan->frames->len == scan->labels_depth)
    scan->labels_depth = 0;  /* the end of the `labels` layer */

  g_array_set_size (scan->frames, scan->frames->len - 1);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  Scan *scan = user_data;

  /* A label's text, bounded: it is measured, not trusted. */
  if (scan->label_text != NULL && scan->label_text->len + len <= 1024)
    g_string_append_len (scan->label_text, text, len);
}

static void
passthrough_cb (GMarkupParseContext  *context,
                const char           *text,
                gsize                 len,
                gpointer              user_data,
                GError              **error)
{
  /* GMarkup does not expand entities, but librsvg does: refuse every entity declaration,
   * so that neither an expansion bomb nor an external entity reaches it. */
  if (g_strstr_len (text, len, "<!ENTITY") != NULL)
    g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                 "The drawing declares XML entities, which are not allowed");
}

/* Whether @text begins with @name and the name ends there: at the text's end, or before a
 * space, a colon or a comma ("External oblique aponeurosis", "Levator ani: pubococcygeus",
 * "Diaphragm, lumbar part"). */
static gboolean
begins_with_name (const char *text,
                  const char *name)
{
  gsize len = strlen (name);

  return strncmp (text, name, len) == 0
         && (text[len] == '\0' || text[len] == ' ' || text[len] == ':' || text[len] == ',');
}

/* The muscle card a label's text names, by the cards' names (casefolded, a label broken onto
 * lines read as one line):
 *  - a landmark card's name is a landmark's label, though a muscle's name is in it ("Tendinous
 *    arch of levator ani");
 *  - a muscle card's name, alone or with a note in brackets ("Intercostal muscles", "Psoas major
 *    (behind)", "Diaphragm (right dome)"), or followed by a part of it ("Levator ani:
 *    pubococcygeus", "Diaphragm, lumbar part (behind)", "External oblique aponeurosis");
 *  - a part "of" a muscle by its name ("Right crus of the diaphragm");
 *  - the first word of one muscle card's name, and of no other's, with a note ("Latissimus
 *    (cut)", "Longissimus (cut)").
 * The longest name that matches wins. NULL for anything else ("Central tendon", "Gluteal
 * aponeurosis": their cards are landmarks or they name no card by a muscle's name). */
static const char *
label_muscle (FasciaAtlas *atlas,
              const char  *text)
{
  GListModel *muscles = fascia_atlas_get_muscles (atlas);
  GListModel *landmarks = fascia_atlas_get_landmarks (atlas);
  g_autofree char *folded = NULL;
  g_autofree char *base = NULL;
  const char *best = NULL, *note;
  gsize best_len = 0;
  guint first_word_matches = 0;
  const char *first_word_muscle = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  folded = g_strdelimit (g_utf8_casefold (text, -1), "\n", ' ');

  for (guint l = 0; l < g_list_model_get_n_items (landmarks); l++)
    {
      g_autoptr(FasciaLandmark) landmark = g_list_model_get_item (landmarks, l);
      g_autofree char *name = g_utf8_casefold (fascia_landmark_get_name (landmark), -1);

      if (g_str_equal (folded, name))
        return NULL;
    }

  /* The text without a note in brackets at its end. */
  note = g_str_has_suffix (folded, ")") ? g_strrstr (folded, " (") : NULL;
  base = note != NULL ? g_strndup (folded, note - folded) : g_strdup (folded);

  for (guint m = 0; m < g_list_model_get_n_items (muscles); m++)
    {
      g_autoptr(FasciaMuscle) muscle = g_list_model_get_item (muscles, m);
      g_autofree char *name = g_utf8_casefold (fascia_muscle_get_name (muscle), -1);
      g_autofree char *of = g_strconcat (" of ", name, NULL);
      g_autofree char *of_the = g_strconcat (" of the ", name, NULL);
      const char *space = strchr (name, ' ');
      gsize len = strlen (name);

      if (len > best_len
          && (begins_with_name (base, name) || g_str_has_suffix (base, of)
              || g_str_has_suffix (base, of_the)))
        {
          best = fascia_muscle_get_id (muscle);
          best_len = len;
        }
      if (note != NULL && space != NULL && strchr (base, ' ') == NULL
          && strlen (base) == (gsize) (space - name) && strncmp (base, name, space - name) == 0)
        {
          first_word_matches++;
          first_word_muscle = fascia_muscle_get_id (muscle);
        }
    }
  if (best == NULL && first_word_matches == 1)
    best = first_word_muscle;

  return best;
}

/**
 * fascia_diagram_scan:
 *
 * Fills @data's regions and layers from its SVG, checking ids against @atlas (when
 * non-%NULL).
 */
gboolean
fascia_diagram_scan (FasciaDiagramData  *data,
                     FasciaAtlas        *atlas,
                     GError            **error)
{
  static const GMarkupParser parser = {
    start_element_cb, end_element_cb, text_cb, passthrough_cb, NULL
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  Scan scan = { data, atlas, NULL, NULL, NULL, 0, TRUE, FALSE, 0, 0, NULL };
  gsize size;
  const char *text = g_bytes_get_data (data->svg, &size);
  gboolean ok;

  /* GMarkup given bytes that are not UTF-8 inside a processing instruction or a DOCTYPE
   * still calls the passthrough callback with its error already set (found by
   * tests/fuzz/fuzz-svg-scan): refuse such a file before GMarkup sees it. */
  if (!g_utf8_validate_len (text, size, NULL))
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                           "The drawing is not well-formed: it is not UTF-8 text");
      return FALSE;
    }

  scan.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  scan.region_layer = g_array_new (FALSE, FALSE, sizeof (int));
  scan.region_hidden = g_array_new (FALSE, FALSE, sizeof (gboolean));

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &scan, NULL);
  ok = g_markup_parse_context_parse (context, text, size, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);

  data->region_layer = (int *) (gpointer) g_array_free (scan.region_layer, FALSE);
  data->region_hidden = (gboolean *) (gpointer) g_array_free (scan.region_hidden, FALSE);
  data->labels_apart = scan.only_layers && scan.seen_labels;
  g_array_unref (scan.frames);
  if (scan.label_text != NULL)
    g_string_free (scan.label_text, TRUE);

  if (!ok)
    {
      if (local_error->domain == FASCIA_DIAGRAM_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                     "The drawing is not well-formed: %s", local_error->message);
      return FALSE;
    }

  if (scan.n_elements == 0)
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                           "The drawing is empty");
      return FALSE;
    }

  /* Which labels name a muscle, for presentation mode to keep them first. */
  if (atlas != NULL)
    for (guint i = 0; i < data->labels->len; i++)
      {
        FasciaDiagramLabel *label = &g_array_index (data->labels, FasciaDiagramLabel, i);
        const char *muscle = label_muscle (atlas, label->text);

        label->muscle = muscle != NULL ? g_string_chunk_insert_const (data->strings, muscle) : NULL;
      }

  return TRUE;
}

/**
 * fascia_diagram_scan_bytes:
 * @svg: a drawing, perhaps hostile
 *
 * Scans @svg as loading a view does, without librsvg: the entry of the region scanner's
 * fuzz target (tests/fuzz).
 */
gboolean
fascia_diagram_scan_bytes (GBytes       *svg,
                           FasciaAtlas  *atlas,
                           GError      **error)
{
  FasciaDiagramData *data;
  gboolean ok;

  /* As loading a view checks before scanning. */
  if (g_bytes_get_size (svg) == 0 || g_bytes_get_size (svg) > FASCIA_DIAGRAM_MAX_BYTES)
    {
      g_set_error_literal (error, FASCIA_DIAGRAM_ERROR, FASCIA_DIAGRAM_ERROR_PARSE,
                           "The drawing is empty or too large");
      return FALSE;
    }

  data = fascia_diagram_data_new (svg, NULL);
  ok = fascia_diagram_scan (data, atlas, error);
  fascia_diagram_data_unref (data);
  return ok;
}

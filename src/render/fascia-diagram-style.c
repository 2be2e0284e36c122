/* fascia-diagram-style.c — the CSS that librsvg applies to a view: region styles, hidden
 * layers and referral zones, and the flat style that hit masks are rendered with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-diagram"

#include "config.h"

#include "fascia-diagram-private.h"

/*
 * Every rule is `!important`, so that it wins over the drawing's presentation attributes and
 * style attributes. Stroke-only shapes (fill="none": fibre lines, a crest drawn as a line)
 * are never given a fill, which would paint the area their open path encloses.
 */

typedef struct
{
  const char *fill;
  const char *line;   /* for stroke-only shapes in the region */
  double      opacity;
} Fill;

static const Fill fill_origin = { FASCIA_DIAGRAM_COLOR_ORIGIN, "#1a5fb4", 0.9 };
static const Fill fill_insertion = { FASCIA_DIAGRAM_COLOR_INSERTION, "#c64600", 0.9 };
static const Fill fill_target = { FASCIA_DIAGRAM_COLOR_TARGET, "#1c7f4f", 0.85 };
static const Fill fill_pain = { FASCIA_DIAGRAM_COLOR_PAIN, "#613583", 0.85 };

#define ZONE_VEIL "#fffbea"
#define ZONE_LINE "#1a1a1a"

/**
 * fascia_diagram_style_fill:
 * @style: one fill style flag (pain, origin, insertion, target)
 *
 * Gets the colours a fill style is drawn in, by librsvg or as an overlay.
 *
 * Returns: %FALSE when @style is no fill style
 */
gboolean
fascia_diagram_style_fill (FasciaRegionStyle   style,
                           const char        **fill,
                           const char        **line,
                           double             *opacity)
{
  const Fill *f;

  switch ((int) style)
    {
    case FASCIA_REGION_STYLE_PAIN:
      f = &fill_pain;
      break;
    case FASCIA_REGION_STYLE_ORIGIN:
      f = &fill_origin;
      break;
    case FASCIA_REGION_STYLE_INSERTION:
      f = &fill_insertion;
      break;
    case FASCIA_REGION_STYLE_TARGET:
      f = &fill_target;
      break;
    default:
      return FALSE;
    }

  *fill = f->fill;
  *line = f->line;
  *opacity = f->opacity;
  return TRUE;
}

/**
 * fascia_region_style_shown_fill:
 * @style: style flags
 *
 * Returns: the one fill style of @style a region shows (pain, then origin, insertion and
 *   target), or %FASCIA_REGION_STYLE_NONE
 */
FasciaRegionStyle
fascia_region_style_shown_fill (FasciaRegionStyle style)
{
  static const FasciaRegionStyle fills[] = {
    FASCIA_REGION_STYLE_PAIN, FASCIA_REGION_STYLE_ORIGIN, FASCIA_REGION_STYLE_INSERTION,
    FASCIA_REGION_STYLE_TARGET,
  };

  for (guint f = 0; f < G_N_ELEMENTS (fills); f++)
    if (style & fills[f])
      return fills[f];

  return FASCIA_REGION_STYLE_NONE;
}

#define FILLED ":not([fill=\"none\"]):not([style*=\"fill:none\"])"

static void
append_rule (GString    *css,
             const char *id,
             const char *selector_tail,
             const char *declarations)
{
  g_string_append_printf (css, "#%s%s { %s }\n", id, selector_tail, declarations);
}

static void
append_region_style (GString             *css,
                     const FasciaRegion  *region,
                     FasciaRegionStyle    style,
                     gboolean             dim)
{
  const Fill *fill = NULL;
  const char *outline = NULL;
  double outline_width = 0;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch ((int) fascia_region_style_shown_fill (style))
    {
    case FASCIA_REGION_STYLE_PAIN:
      fill = &fill_pain;
      break;
    case FASCIA_REGION_STYLE_ORIGIN:
      fill = &fill_origin;
      break;
    case FASCIA_REGION_STYLE_INSERTION:
      fill = &fill_insertion;
      break;
    case FASCIA_REGION_STYLE_TARGET:
      fill = &fill_target;
      break;
    default:
      break;
    }

  if (style & FASCIA_REGION_STYLE_SELECTED)
    outline = FASCIA_DIAGRAM_COLOR_SELECTED, outline_width = 5;
  else if (style & FASCIA_REGION_STYLE_HOVER)
    outline = FASCIA_DIAGRAM_COLOR_HOVER, outline_width = 4;
  else if (style & FASCIA_REGION_STYLE_FOCUS)
    outline = FASCIA_DIAGRAM_COLOR_FOCUS, outline_width = 3;
  /* A finding on a muscle marked painful too: the pain fills it, the finding outlines it. */
  else if ((style & FASCIA_REGION_STYLE_PAIN) && (style & FASCIA_REGION_STYLE_TARGET))
    outline = fill_target.line, outline_width = 4;

  if (fill != NULL)
    {
      g_autofree char *decl = NULL;

      decl = g_strdup_printf ("fill: %s !important; fill-opacity: %s !important;", fill->fill,
                              g_ascii_dtostr (buf, sizeof buf, fill->opacity));
      g_string_append_printf (css, "#%s" FILLED ", #%s *" FILLED " { %s }\n",
                              region->id, region->id, decl);
      g_string_append_printf (css, "#%s[fill=\"none\"], #%s [fill=\"none\"] "
                              "{ stroke: %s !important; stroke-opacity: 1 !important; }\n",
                              region->id, region->id, fill->line);
    }
  else if (dim && region->kind == FASCIA_REGION_MUSCLE)
    {
      g_string_append_printf (css, "#%s, #%s * { fill-opacity: 0.25 !important; "
                              "stroke-opacity: 0.3 !important; }\n",
                              region->id, region->id);
    }

  /* A referral zone lies over muscle drawn in red, so the drawing's own red hatch vanishes
   * ("red on red"). Shown, it is a pale veil with a near-black dashed outline and near-black
   * hatch: at least 3:1 against the muscle under it (tests/render/test-zone-contrast.c). */
  if ((style & FASCIA_REGION_STYLE_SHOWN) && region->kind == FASCIA_REGION_REFERRAL_ZONE)
    {
      g_string_append_printf (css, "#%s" FILLED ", #%s *" FILLED " { fill: " ZONE_VEIL
                              " !important; fill-opacity: 0.55 !important; stroke: " ZONE_LINE
                              " !important; stroke-opacity: 1 !important; stroke-width: 3"
                              " !important; stroke-dasharray: 9 5 !important; }\n",
                              region->id, region->id);
      g_string_append_printf (css, "#%s [fill=\"none\"] { stroke: " ZONE_LINE " !important; "
                              "stroke-opacity: 1 !important; stroke-width: 2.4 !important; }\n",
                              region->id);
    }

  if (outline != NULL)
    {
      g_autofree char *decl = NULL;

      decl = g_strdup_printf ("stroke: %s !important; stroke-width: %g !important; "
                              "stroke-opacity: 1 !important; stroke-linejoin: round !important;%s",
                              outline, outline_width,
                              (style & FASCIA_REGION_STYLE_FOCUS)
                                ? " stroke-dasharray: 8 4 !important;" : "");
      g_string_append_printf (css, "#%s" FILLED ", #%s *" FILLED " { %s }\n",
                              region->id, region->id, decl);
      /* A region drawn only as a line (a crest, a ligament) shows its outline on itself. */
      append_rule (css, region->id, "[fill=\"none\"]", decl);
    }
}

/**
 * fascia_diagram_build_mask_css:
 *
 * Returns: (transfer full): the stylesheet of the mask handle: everything displayed, every
 *   opacity 1 and patterns filled solid, so that a region's mask is its full shape whatever
 *   the drawing's opacities and hatching; a part with `pointer-events="none"` is never hit,
 *   and a part not drawn (`display="none"`) with `pointer-events="all"` is. A drawing shows a
 *   thing seen through what lies in front of it (dashed) with the first, and gives it the
 *   second (masked off where something is drawn in front of it), so that a click finds what
 *   is seen there.
 */
char *
fascia_diagram_build_mask_css (FasciaDiagramData *data)
{
  GString *css = g_string_new ("* { fill-opacity: 1 !important; stroke-opacity: 1 !important; "
                               "opacity: 1 !important; }\n"
                               /* A hatched zone is hit between its hatch lines too. */
                               "[fill^=\"url\"], [style*=\"fill:url\"] "
                               "{ fill: #000 !important; }\n"
                               "[pointer-events=\"none\"] { display: none !important; }\n"
                               "[pointer-events=\"all\"] { display: inline !important; }\n");

  for (guint i = 0; i < data->layers->len; i++)
    {
      const FasciaDiagramLayer *layer = &g_array_index (data->layers, FasciaDiagramLayer, i);

      if (!layer->initial_visible)
        append_rule (css, layer->id, "", "display: inline !important;");
    }

  for (guint i = 0; i < data->regions->len; i++)
    {
      if (data->region_hidden[i])
        append_rule (css, g_array_index (data->regions, FasciaRegion, i).id, "",
                     "display: inline !important;");
    }

  return g_string_free (css, FALSE);
}

/**
 * fascia_diagram_build_css:
 * @styles: one #FasciaRegionStyle per region
 * @overlay_styles: the style flags the caller draws itself (left out here)
 * @layer_visible: one flag per layer, as the user set it
 * @region_visible: one flag per region, from the styles and layers
 * @dim_unstyled: whether to fade the muscles that have no style (an overlay style too)
 *
 * Returns: (transfer full): the stylesheet that draws the view in this state.
 */
char *
fascia_diagram_build_css (FasciaDiagramData *data,
                          const guint8      *styles,
                          FasciaRegionStyle  overlay_styles,
                          const gboolean    *layer_visible,
                          const gboolean    *region_visible,
                          gboolean           dim_unstyled)
{
  GString *css = g_string_new (NULL);
  g_autofree gboolean *displayed = g_new (gboolean, data->layers->len + 1);

  for (guint i = 0; i < data->layers->len; i++)
    displayed[i] = layer_visible[i];

  /* A zone that is shown needs its layers displayed, even the hidden referral layer. */
  for (guint i = 0; i < data->regions->len; i++)
    {
      const FasciaRegion *region = &g_array_index (data->regions, FasciaRegion, i);

      if (region->kind == FASCIA_REGION_REFERRAL_ZONE && region_visible[i])
        {
          for (int l = data->region_layer[i]; l >= 0;
               l = g_array_index (data->layers, FasciaDiagramLayer, l).parent)
            displayed[l] = TRUE;
        }
    }

  for (guint i = 0; i < data->layers->len; i++)
    {
      const FasciaDiagramLayer *layer = &g_array_index (data->layers, FasciaDiagramLayer, i);

      if (displayed[i] != layer->initial_visible)
        append_rule (css, layer->id, "",
                     displayed[i] ? "display: inline !important;" : "display: none !important;");
    }

  for (guint i = 0; i < data->regions->len; i++)
    {
      const FasciaRegion *region = &g_array_index (data->regions, FasciaRegion, i);
      gboolean shown_by_layers = !data->region_hidden[i];

      for (int l = data->region_layer[i]; l >= 0 && shown_by_layers;
           l = g_array_index (data->layers, FasciaDiagramLayer, l).parent)
        shown_by_layers = displayed[l];

      if (region_visible[i] && data->region_hidden[i])
        append_rule (css, region->id, "", "display: inline !important;");
      else if (!region_visible[i] && shown_by_layers)
        append_rule (css, region->id, "", "display: none !important;");

      if (region_visible[i])
        append_region_style (css, region, styles[i] & ~overlay_styles,
                             dim_unstyled && styles[i] == FASCIA_REGION_STYLE_NONE);
    }

  return g_string_free (css, FALSE);
}

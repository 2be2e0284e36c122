/* fascia-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-muscle.h"
#include "fascia/fascia-view.h"

#include "fascia-ui-utils.h"

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

void
fascia_ui_toast (GtkWidget  *widget,
                 const char *title)
{
  AdwToastOverlay *overlay = find_overlay (widget);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

/* The toast lives in the window's overlay, above the widget that deleted the row, so its Undo
 * goes through a window action (which also answers Ctrl+Z). */
void
fascia_ui_toast_deleted (GtkWidget        *widget,
                         const char       *title,
                         FasciaStoreTable  table,
                         gint64            id)
{
  AdwToastOverlay *overlay = find_overlay (widget);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ix)", (int) table, id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);

  gtk_widget_activate_action (widget, "win.remember-delete", "(ix)", (int) table, id);
}

void
fascia_ui_show_error (GtkWidget    *widget,
                      const char   *what,
                      const GError *error)
{
  g_autofree char *title = g_strdup_printf ("%s: %s", what, error->message);

  g_warning ("%s", title);
  fascia_ui_toast (widget, title);
}

char *
fascia_ui_format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup (_("No date"));

  /* Translators: a visit's date, see g_date_time_format() */
  return g_date_time_format (date, _("%a %e %b %Y"));
}

char *
fascia_ui_format_iso_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup ("");

  return g_date_time_format (date, "%Y-%m-%d");
}

/**
 * fascia_ui_parse_date:
 * @text: a date as YYYY-MM-DD
 *
 * Returns: (nullable) (transfer full): noon local time on that day, or %NULL if @text is not
 *   a date.
 */
GDateTime *
fascia_ui_parse_date (const char *text)
{
  int year, month, day;
  char tail;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &year, &month, &day, &tail) != 3)
    return NULL;
  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 12, 0, 0);
}

/**
 * fascia_ui_get_atlas:
 *
 * Returns: (transfer none) (nullable): the built-in atlas, or %NULL if it failed to load
 *   (which the content tests rule out; the failure is logged once).
 */
FasciaAtlas *
fascia_ui_get_atlas (void)
{
  static FasciaAtlas *atlas;
  static gboolean tried;

  if (!tried)
    {
      g_autoptr(GError) error = NULL;

      tried = TRUE;
      atlas = fascia_atlas_get_default (&error);
      if (atlas == NULL)
        g_critical ("The built-in atlas did not load: %s", error->message);
    }

  return atlas;
}

/**
 * fascia_ui_show_view:
 * @view: a diagram view of the clients or study pages
 * @view_id: "anterior", "lateral", …
 *
 * Loads @view_id from the built-in atlas into @view, with the atlas that names its
 * regions for tooltips and screen readers. A view that cannot be loaded is reported on
 * the window and leaves @view as it was.
 *
 * Returns: whether @view now shows @view_id
 */
gboolean
fascia_ui_show_view (FasciaDiagramView *view,
                     const char        *view_id)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(FasciaDiagram) diagram = NULL;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL || view_id == NULL)
    return FALSE;

  diagram = fascia_diagram_new_for_view (atlas, view_id, &error);
  if (diagram == NULL)
    {
      fascia_ui_show_error (GTK_WIDGET (view), _("Could not show the diagram"), error);
      return FALSE;
    }

  fascia_diagram_view_set_atlas (view, atlas);
  fascia_diagram_view_set_diagram (view, diagram);
  return TRUE;
}

void
fascia_ui_fill_view_dropdown (GtkDropDown *dropdown,
                              const char  *selected_view_id)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GListModel *views;
  guint selected = 0;

  if (atlas == NULL)
    return;

  views = fascia_atlas_get_views (atlas);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);

      gtk_string_list_append (titles, fascia_view_get_title (view));
      if (g_strcmp0 (fascia_view_get_id (view), selected_view_id) == 0)
        selected = i;
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (dropdown, selected);
}

const char *
fascia_ui_get_dropdown_view (GtkDropDown *dropdown)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(FasciaView) view = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (atlas == NULL || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  view = g_list_model_get_item (fascia_atlas_get_views (atlas), selected);
  return view != NULL ? fascia_view_get_id (view) : NULL;
}

/* The muscle a region shows: its own, or the one a trigger point or referral zone belongs
 * to. Landmarks name no muscle. */
gboolean
fascia_ui_region_muscle (FasciaDiagram  *diagram,
                         const char     *region_id,
                         const char    **muscle_id,
                         FasciaSide     *side)
{
  const FasciaRegion *region;

  if (diagram == NULL || region_id == NULL)
    return FALSE;

  region = fascia_diagram_lookup_region (diagram, region_id);
  if (region == NULL || region->kind == FASCIA_REGION_LANDMARK)
    return FALSE;

  *muscle_id = region->atlas_id;
  *side = region->side;
  return TRUE;
}

char *
fascia_ui_region_id_for (const char *muscle_id,
                         FasciaSide  side)
{
  switch (side)
    {
    case FASCIA_SIDE_LEFT:
      return g_strdup_printf ("m-%s-l", muscle_id);
    case FASCIA_SIDE_RIGHT:
      return g_strdup_printf ("m-%s-r", muscle_id);
    case FASCIA_SIDE_NONE:
    case FASCIA_SIDE_BOTH:
    default:
      return g_strdup_printf ("m-%s", muscle_id);
    }
}

char *
fascia_ui_muscle_name (const char *muscle_id,
                       FasciaSide  side)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  FasciaMuscle *muscle = atlas != NULL ? fascia_atlas_lookup_muscle (atlas, muscle_id) : NULL;

  if (muscle == NULL)
    return g_strdup (muscle_id);

  return fascia_muscle_get_display_name (muscle, side);
}

/* Half-typed dates are kept on screen and saved once they are whole. */
gboolean
fascia_ui_is_date_or_empty (const char *text)
{
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  date = fascia_ui_parse_date (text);
  return date != NULL && strlen (text) == 10;
}

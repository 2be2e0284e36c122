/* fascia-atlas-page.c — the Atlas page: the diagram, its views and layers, and the card pane
 * with muscle, technique and landmark cards, the pain finder and search.
 *
 * Cards are addressed as "KIND:ID" ("muscle:psoas-major"); links in any card activate
 * `atlas.open` with such a target, and the page keeps a history of them for Back. The actions
 * and their shortcuts are in fascia-atlas-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-atlas-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fascia-atlas-page-private.h"
#include "fascia-card-viewport.h"
#include "fascia-pain-finder.h"
#include "fascia-region-text.h"
#include "fascia-ui-utils.h"

#define LIT_STYLES (FASCIA_REGION_STYLE_SELECTED | FASCIA_REGION_STYLE_ORIGIN \
                    | FASCIA_REGION_STYLE_INSERTION | FASCIA_REGION_STYLE_SHOWN)

GParamSpec *fascia_atlas_page_properties[N_PROPS];
#define properties fascia_atlas_page_properties

G_DEFINE_FINAL_TYPE (FasciaAtlasPage, fascia_atlas_page, ADW_TYPE_BIN)

static void update_label_size (FasciaAtlasPage *self);
static void schedule_load_ahead (FasciaAtlasPage *self);
static double label_pixels (FasciaAtlasPage *self);

GtkWidget *
fascia_atlas_page_new (void)
{
  return g_object_new (FASCIA_TYPE_ATLAS_PAGE, NULL);
}

static gboolean
invert_boolean (gpointer instance,
                gboolean value)
{
  return !value;
}

/* The UI is where an error becomes something the user sees: the pane says what failed. */
static void
show_problem (FasciaAtlasPage *self,
              const char      *what,
              const GError    *error)
{
  GtkWidget *welcome = gtk_stack_get_child_by_name (self->card_stack, "welcome");
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);
  g_autofree char *description = g_markup_escape_text (text, -1);  /* the description is markup */

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (welcome), "dialog-warning-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (welcome), _("Something Is Missing"));
  adw_status_page_set_description (ADW_STATUS_PAGE (welcome), description);
  gtk_stack_set_visible_child (self->card_stack, welcome);
}

/* The pane takes Tab for what a card holds (its links, the rows of a search), never for
 * itself: with the welcome's words only, its scrolled window took Tab, a "scroll pane" with no
 * name that did nothing. Only the welcome has nothing to focus, and there nothing is lost;
 * GtkScrolledWindow grabs itself whatever its "focusable" says, so it is kept out whole. */
static void
card_shown_cb (FasciaAtlasPage *self)
{
  GtkWidget *card = gtk_stack_get_visible_child (self->card_stack);

  gtk_widget_set_can_focus (GTK_WIDGET (self->card_scroller),
                            card != gtk_stack_get_child_by_name (self->card_stack, "welcome"));
}

/* Diagram styles */

/* What lights a region: fascia_diagram_view_add_region_style() for a card shown,
 * fascia_diagram_view_make_ahead() for the card a click would show, or
 * fascia_diagram_view_make_ahead_in() for the card shown, in a view not shown. */
typedef void (*LightFunc) (FasciaAtlasPage   *self,
                           const char        *region_id,
                           FasciaRegionStyle  flags);

static void
light_shown (FasciaAtlasPage   *self,
             const char        *region_id,
             FasciaRegionStyle  flags)
{
  fascia_diagram_view_add_region_style (self->diagram_view, region_id, flags);
}

static void
light_ahead (FasciaAtlasPage   *self,
             const char        *region_id,
             FasciaRegionStyle  flags)
{
  fascia_diagram_view_make_ahead (self->diagram_view, region_id, flags);
}

/* In self->lighting, a view not shown (see light_other_views_cb()). */
static void
light_kept (FasciaAtlasPage   *self,
            const char        *region_id,
            FasciaRegionStyle  flags)
{
  fascia_diagram_view_make_ahead_in (self->diagram_view, self->lighting, region_id, flags);
}

static void
light_regions (FasciaAtlasPage   *self,
               LightFunc          light,
               FasciaRegionKind   kind,
               const char        *atlas_id,
               FasciaRegionStyle  flags)
{
  FasciaDiagram *diagram = self->lighting != NULL
                           ? self->lighting : fascia_diagram_view_get_diagram (self->diagram_view);
  guint n;

  if (diagram == NULL)
    return;

  n = fascia_diagram_get_n_regions (diagram);
  for (guint i = 0; i < n; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);

      if (region->kind == kind && g_strcmp0 (region->atlas_id, atlas_id) == 0)
        light (self, region->id, flags);
    }
}

static void
light_attachments (FasciaAtlasPage   *self,
                   LightFunc          light,
                   GPtrArray         *attachments,
                   FasciaRegionStyle  flags)
{
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const FasciaAttachment *attachment = g_ptr_array_index (attachments, i);

      for (guint j = 0; attachment->landmarks[j] != NULL; j++)
        light_regions (self, light, FASCIA_REGION_LANDMARK, attachment->landmarks[j], flags);
    }
}

/* The muscle @id selected, its origins and insertions, and with the referral shown its
 * trigger points (its referral zones are rendered, not overlays: see apply_styles). */
static void
light_muscle (FasciaAtlasPage *self,
              LightFunc        light,
              const char      *id)
{
  FasciaMuscle *muscle = fascia_atlas_lookup_muscle (self->atlas, id);

  light_regions (self, light, FASCIA_REGION_MUSCLE, id, FASCIA_REGION_STYLE_SELECTED);
  if (muscle == NULL)
    return;
  light_attachments (self, light, fascia_muscle_get_origins (muscle), FASCIA_REGION_STYLE_ORIGIN);
  light_attachments (self, light, fascia_muscle_get_insertions (muscle),
                     FASCIA_REGION_STYLE_INSERTION);
  if (self->show_referral)
    light_regions (self, light, FASCIA_REGION_TRIGGER_POINT, id, FASCIA_REGION_STYLE_SELECTED);
}

static gboolean
split_card (const char  *card,
            char       **kind,
            const char **id)
{
  const char *colon = card != NULL ? strchr (card, ':') : NULL;

  if (colon == NULL)
    return FALSE;

  *kind = g_strndup (card, colon - card);
  *id = colon + 1;
  return TRUE;
}

/**
 * fascia_atlas_page_apply_styles:
 *
 * Lights on the diagram what the card shown is about: the muscle and its origins and
 * insertions, the landmark, the muscles a technique treats, the referral zones asked for.
 */
/* What the card shown lights as overlays: a muscle, its origins and insertions; a landmark; a
 * technique's muscles. */
static void
light_card (FasciaAtlasPage *self,
            LightFunc        light)
{
  g_autofree char *kind = NULL;
  const char *id;

  if (!split_card (self->card, &kind, &id))
    return;

  if (g_str_equal (kind, "muscle"))
    light_muscle (self, light, id);
  else if (g_str_equal (kind, "landmark"))
    light_regions (self, light, FASCIA_REGION_LANDMARK, id, FASCIA_REGION_STYLE_SELECTED);
  else if (g_str_equal (kind, "technique"))
    {
      FasciaTechnique *technique = fascia_atlas_lookup_technique (self->atlas, id);
      const char * const *muscles = fascia_technique_get_muscles (technique);

      for (guint i = 0; muscles != NULL && muscles[i] != NULL; i++)
        light_regions (self, light, FASCIA_REGION_MUSCLE, muscles[i],
                       FASCIA_REGION_STYLE_SELECTED);
    }
}

/* A switch of views with a card open made the overlays the card lights in the new view in the
 * frame that answered it (six for a muscle, say). Once a card is shown, and its frame painted,
 * they are made ahead, at low priority, in each view loaded and kept rendered but not shown
 * (fascia_diagram_view_make_ahead_in()). */
static gboolean
light_other_views_cb (gpointer user_data)
{
  FasciaAtlasPage *self = user_data;
  FasciaDiagram *shown = fascia_diagram_view_get_diagram (self->diagram_view);
  GHashTableIter iter;
  gpointer diagram;

  self->light_views_id = 0;
  fascia_diagram_view_drop_ahead_in (self->diagram_view);
  g_hash_table_iter_init (&iter, self->diagrams);
  while (g_hash_table_iter_next (&iter, NULL, &diagram))
    {
      if (diagram == shown)
        continue;
      self->lighting = diagram;
      light_card (self, light_kept);
      self->lighting = NULL;
    }

  return G_SOURCE_REMOVE;
}

static void
stop_lighting_views (FasciaAtlasPage *self)
{
  g_clear_handle_id (&self->light_views_id, g_source_remove);
  if (self->light_views_paint_id != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        g_signal_handler_disconnect (clock, self->light_views_paint_id);
      self->light_views_paint_id = 0;
    }
}

static void
light_views_painted_cb (GdkFrameClock   *clock,
                        FasciaAtlasPage *self)
{
  g_signal_handler_disconnect (clock, self->light_views_paint_id);
  self->light_views_paint_id = 0;
  self->light_views_id = g_idle_add_full (G_PRIORITY_LOW, light_other_views_cb, self, NULL);
}

/* After the frame that shows the card: made before it, in idle time while the frame clock
 * waited for its frame, they delayed it and counted in the click's CPU. */
static void
light_other_views_after_frame (FasciaAtlasPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    return;
  self->light_views_paint_id = g_signal_connect (clock, "after-paint",
                                                 G_CALLBACK (light_views_painted_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

void
fascia_atlas_page_apply_styles (FasciaAtlasPage *self)
{
  g_autofree char *kind = NULL;
  const char *id;

  fascia_diagram_view_clear_region_styles (self->diagram_view, LIT_STYLES);
  /* The plan's targets stay lit under whatever the card lights, in every view. */
  fascia_atlas_page_apply_plan (self);

  if (!split_card (self->card, &kind, &id))
    return;

  light_card (self, light_shown);
  if (g_str_equal (kind, "muscle") && self->show_referral)
    light_regions (self, light_shown, FASCIA_REGION_REFERRAL_ZONE, id, FASCIA_REGION_STYLE_SHOWN);
  else if (g_str_equal (kind, "pain"))
    {
      FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
      double x, y;
      g_autoptr(GPtrArray) sources = NULL;

      if (diagram == NULL || sscanf (id, "%lf,%lf", &x, &y) != 2)
        return;

      sources = fascia_pain_finder_find (diagram, x, y);
      for (guint i = 0; i < sources->len; i++)
        {
          const FasciaPainSource *source = g_ptr_array_index (sources, i);

          fascia_diagram_view_add_region_style (self->diagram_view, source->zone_id,
                                                FASCIA_REGION_STYLE_SHOWN);
        }
    }
}

/* The layers of a view not shown, rendered ahead: as fascia_atlas_page_apply_layers() sets
 * them when it is shown. */
static void
prepare_cb (FasciaAtlasPage *self,
            FasciaDiagram   *diagram,
            double           zoom)
{
  fascia_diagram_set_layer_visible (diagram, "labels", self->show_labels);
  fascia_diagram_set_layer_visible (diagram, "layer-bones", self->show_bones);
  fascia_diagram_set_layer_visible (diagram, "layer-muscles", self->show_muscles);
  fascia_diagram_set_layer_visible (diagram, "layer-trigger-points", self->show_trigger_points);
  fascia_diagram_set_layer_visible (diagram, "layer-nerves", self->show_nerves);
  fascia_ui_set_label_room (self->diagram_view, diagram);
  fascia_diagram_set_label_size (diagram, fascia_ui_label_size_for (label_pixels (self), zoom));
}

void
fascia_atlas_page_apply_layers (FasciaAtlasPage *self)
{
  fascia_diagram_view_set_layer_visible (self->diagram_view, "labels", self->show_labels);
  fascia_diagram_view_set_layer_visible (self->diagram_view, "layer-bones", self->show_bones);
  fascia_diagram_view_set_layer_visible (self->diagram_view, "layer-muscles", self->show_muscles);
  fascia_diagram_view_set_layer_visible (self->diagram_view, "layer-trigger-points",
                                         self->show_trigger_points);
  /* Nerves as danger zones: a layer of its own, hidden unless asked for. */
  fascia_diagram_view_set_layer_visible (self->diagram_view, "layer-nerves", self->show_nerves);
}

/* Views */

const char *
fascia_atlas_page_get_view (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), NULL);

  return self->view_id;
}

/* The view a window opens on, loaded ahead (fascia_atlas_page_load_view_ahead()): its
 * drawing is decompressed and scanned, and its masks taken, in a thread while GTK opens the
 * display and the window is built, not on the main thread when the page is first mapped
 * (~8 ms of its processor time before the first frame). One per process; the page that
 * opens that view takes it, waiting for the end of the load if it is still under way. */
static struct
{
  GMutex         lock;
  GCond          done_cond;
  char          *view_id;   /* set once, before the thread starts; never freed */
  FasciaDiagram *diagram;   /* until taken */
  gboolean       done;
} view_ahead;

static gpointer
load_view_ahead_thread (gpointer data)
{
  FasciaAtlas *atlas = fascia_atlas_get_default (NULL);
  FasciaDiagram *diagram = NULL;

  if (atlas != NULL)
    diagram = fascia_diagram_new_for_view (atlas, view_ahead.view_id, NULL);

  g_mutex_lock (&view_ahead.lock);
  view_ahead.diagram = diagram;
  view_ahead.done = TRUE;
  g_cond_broadcast (&view_ahead.done_cond);
  g_mutex_unlock (&view_ahead.lock);
  return NULL;
}

/**
 * fascia_atlas_page_load_view_ahead:
 * @view_id: the view the window will open on
 *
 * Starts loading the drawing of @view_id with the built-in atlas in a thread, once per
 * process, for the first Atlas page that opens that view. A view that does not exist is
 * loaded by the page as any other (and its error shown there).
 */
void
fascia_atlas_page_load_view_ahead (const char *view_id)
{
  static gsize started;

  g_return_if_fail (view_id != NULL);

  if (g_once_init_enter (&started))
    {
      view_ahead.view_id = g_strdup (view_id);
      g_thread_unref (g_thread_new ("fascia-view", load_view_ahead_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

static FasciaDiagram *
take_view_loaded_ahead (FasciaAtlasPage *self,
                        const char      *view_id)
{
  FasciaDiagram *diagram;

  if (view_ahead.view_id == NULL || g_strcmp0 (view_ahead.view_id, view_id) != 0
      || self->atlas != fascia_atlas_peek_default ())
    return NULL;

  g_mutex_lock (&view_ahead.lock);
  while (!view_ahead.done)
    g_cond_wait (&view_ahead.done_cond, &view_ahead.lock);
  diagram = g_steal_pointer (&view_ahead.diagram);
  g_mutex_unlock (&view_ahead.lock);
  return diagram;
}

/* The diagram of a view, loaded once. */
static FasciaDiagram *
ensure_diagram (FasciaAtlasPage  *self,
                const char       *view_id,
                GError          **error)
{
  FasciaDiagram *diagram = g_hash_table_lookup (self->diagrams, view_id);

  if (diagram == NULL && (diagram = take_view_loaded_ahead (self, view_id)) != NULL)
    g_hash_table_insert (self->diagrams, g_strdup (view_id), diagram);
  if (diagram == NULL)
    {
      diagram = fascia_diagram_new_for_view (self->atlas, view_id, error);
      if (diagram != NULL)
        g_hash_table_insert (self->diagrams, g_strdup (view_id), diagram);
    }

  return diagram;
}

/* Opens the diagram of @view_id (parsing its drawing the first time) in the view. */
static gboolean
show_diagram (FasciaAtlasPage *self,
              const char      *view_id)
{
  g_autoptr(GError) error = NULL;
  FasciaDiagram *diagram = ensure_diagram (self, view_id, &error);

  if (diagram == NULL)
    {
      show_problem (self, _("The diagram could not be opened"), error);
      return FALSE;
    }

  fascia_diagram_view_set_diagram (self->diagram_view, diagram);
  fascia_atlas_page_apply_layers (self);
  fascia_atlas_page_apply_styles (self);
  update_label_size (self);
  /* Kept rendered when left, and the other views loaded and rendered ahead in idle time. */
  fascia_diagram_view_keep_ready (self->diagram_view, diagram);
  schedule_load_ahead (self);
  return TRUE;
}

/* Loading ahead: once a view is shown, the drawings of the others are parsed in idle time,
 * in a thread of low priority, the nearest in the list of views first, and handed to the
 * diagram view to render ahead (fascia_diagram_view_keep_ready()): the first switch to any
 * view then costs what a switch back costs. Each load has its own librsvg handles. */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FasciaAtlas *atlas = FASCIA_ATLAS (g_object_get_data (G_OBJECT (task), "atlas"));
  GError *error = NULL;
  FasciaDiagram *diagram = fascia_diagram_new_for_view (atlas, task_data, &error);

  if (diagram == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, diagram, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FasciaAtlasPage *self;
  const char *view_id = g_task_get_task_data (G_TASK (result));
  g_autoptr(FasciaDiagram) diagram = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled when the page went: @user_data may be gone. */
  diagram = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = FASCIA_ATLAS_PAGE (user_data);
  g_clear_object (&self->load_cancellable);
  if (diagram == NULL)
    {
      /* Shown, it says what is wrong then. */
      g_debug ("Could not load the view %s ahead: %s", view_id, error->message);
      g_hash_table_add (self->unloadable, g_strdup (view_id));
    }
  else if (!g_hash_table_contains (self->diagrams, view_id))
    {
      g_hash_table_insert (self->diagrams, g_strdup (view_id), g_object_ref (diagram));
      fascia_diagram_view_keep_ready (self->diagram_view, diagram);
    }

  schedule_load_ahead (self);
}

/* The next view to load ahead: the nearest to the one shown, in the list of views. */
static const char *
next_to_load (FasciaAtlasPage *self)
{
  GListModel *views = fascia_atlas_get_views (self->atlas);
  guint n = g_list_model_get_n_items (views);
  guint current = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (fascia_view_get_id (view), self->view_id) == 0)
        current = i;
    }

  for (guint d = 1; d < n; d++)
    for (int sign = 1; sign >= -1; sign -= 2)
      {
        int i = (int) current + sign * (int) d;
        g_autoptr(FasciaView) view = NULL;
        const char *id;

        if (i < 0 || i >= (int) n)
          continue;
        view = g_list_model_get_item (views, i);
        id = fascia_view_get_id (view);
        if (!g_hash_table_contains (self->diagrams, id)
            && !g_hash_table_contains (self->unloadable, id))
          return id;  /* the atlas keeps its views */
      }

  return NULL;
}

static gboolean
load_ahead_cb (gpointer user_data)
{
  FasciaAtlasPage *self = user_data;
  g_autoptr(GTask) task = NULL;
  const char *view_id;

  self->load_id = 0;
  if (self->load_cancellable != NULL || self->atlas == NULL
      || !gtk_widget_get_mapped (GTK_WIDGET (self))
      || (view_id = next_to_load (self)) == NULL)
    return G_SOURCE_REMOVE;

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->load_cancellable, load_done_cb, self);
  g_task_set_source_tag (task, load_ahead_cb);
  g_task_set_task_data (task, g_strdup (view_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "atlas", g_object_ref (self->atlas), g_object_unref);
  fascia_ui_run_in_background (task, load_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_load_ahead (FasciaAtlasPage *self)
{
  if (self->load_id == 0 && self->load_cancellable == NULL)
    self->load_id = g_timeout_add_full (G_PRIORITY_LOW, 250, load_ahead_cb, self, NULL);
}

/**
 * fascia_atlas_page_is_idle:
 *
 * Returns: whether nothing is left to do ahead: every view's drawing loaded, and rendered
 *   ahead as far as the memory for it allows, and what the card shown lights in them asked of
 *   the view (for tests and benchmarks)
 */
gboolean
fascia_atlas_page_is_idle (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), FALSE);

  return self->load_id == 0 && self->load_cancellable == NULL && self->light_views_id == 0
         && self->light_views_paint_id == 0
         && (self->atlas == NULL || next_to_load (self) == NULL)
         && fascia_diagram_view_is_up_to_date (self->diagram_view)
         && !fascia_diagram_view_is_preparing (self->diagram_view);
}

/* Ctrl+1…6 with the keyboard on a view's button: the focus and its ring go along to the button
 * of the view chosen, not left on the one before as if it still were the view shown. */
static void
focus_view_button (FasciaAtlasPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !GTK_IS_ACTIONABLE (focus)
      || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), "atlas.view") != 0)
    return;

  for (GtkWidget *button = gtk_widget_get_first_child (gtk_widget_get_parent (focus));
       button != NULL; button = gtk_widget_get_next_sibling (button))
    {
      GVariant *target = GTK_IS_ACTIONABLE (button)
                         ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button))
                         : NULL;

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING)
          && g_strcmp0 (g_variant_get_string (target, NULL), self->view_id) == 0)
        {
          if (button != focus)
            gtk_widget_grab_focus (button);
          return;
        }
    }
}

/* The control under @widget for the action @name with @target (%NULL: none), which takes
 * the focus. */
static GtkWidget *
find_action (GtkWidget  *widget,
             const char *name,
             GVariant   *target)
{
  if (GTK_IS_ACTIONABLE (widget) && gtk_widget_get_focusable (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0)
    {
      GVariant *own = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (own == target || (own != NULL && target != NULL && g_variant_equal (own, target)))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action (child, name, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The control under @widget for the same action as @like. */
static GtkWidget *
find_same_action (GtkWidget *widget,
                  GtkWidget *like)
{
  const char *name = GTK_IS_ACTIONABLE (like)
                     ? gtk_actionable_get_action_name (GTK_ACTIONABLE (like)) : NULL;

  if (name == NULL)
    return NULL;
  return find_action (widget, name, gtk_actionable_get_action_target_value (GTK_ACTIONABLE (like)));
}

/*
 * The tool bar is shown whole or, where it does not fit, compact (entering presentation mode
 * in a small window, say). GTK moves the focus from a control of the one hidden to the first
 * control it finds, before the swap is announced: "Front" took the ring while "Back, Deep" was
 * shown. The focus goes to the same control in the one shown instead: the view's menu and the
 * button of the view shown stand for each other; a control the compact bar lacks, to its
 * overflow menu.
 */
static void
toolbar_swapped_cb (FasciaAtlasPage *self)
{
  GtkWidget *squeezer = gtk_widget_get_parent (self->toolbar);
  GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  GtkWidget *view_menu = GTK_WIDGET (gtk_widget_get_template_child (
                                        GTK_WIDGET (self), FASCIA_TYPE_ATLAS_PAGE,
                                        "view_menu_button"));
  GtkWidget *overflow = GTK_WIDGET (gtk_widget_get_template_child (
                                       GTK_WIDGET (self), FASCIA_TYPE_ATLAS_PAGE,
                                       "overflow_button"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *from, *to = NULL;

  if (focus == NULL || shown == NULL || !gtk_widget_is_ancestor (focus, squeezer))
    return;
  if (!gtk_widget_is_ancestor (focus, shown))
    from = focus;
  else if (focus == self->focus_now && self->focus_before != NULL
           && gtk_widget_is_ancestor (self->focus_before, squeezer)
           && !gtk_widget_is_ancestor (self->focus_before, shown))
    from = self->focus_before;   /* moved by GTK as the other bar was hidden */
  else
    return;

  if (shown == self->toolbar)
    {
      if (from == view_menu || gtk_widget_is_ancestor (from, view_menu))
        {
          g_autoptr(GVariant) view = g_variant_ref_sink (g_variant_new_string (
                                                          self->view_id != NULL
                                                          ? self->view_id : ""));

          to = find_action (shown, "atlas.view", view);
        }
      else
        to = find_same_action (shown, from);
    }
  else
    {
      if (GTK_IS_ACTIONABLE (from)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (from)),
                        "atlas.view") == 0)
        to = view_menu;
      else
        to = find_same_action (shown, from);
      if (to == NULL)
        to = overflow;
    }

  if (to != NULL && to != focus)
    gtk_widget_grab_focus (to);
}

static void
window_focus_cb (FasciaAtlasPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == self->focus_now)
    return;
  g_set_weak_pointer (&self->focus_before, self->focus_now);
  g_set_weak_pointer (&self->focus_now, focus);
}

/*
 * A page that has never been shown opens no diagram: the view is only noted, and its drawing
 * is parsed when the page is first mapped (fascia_atlas_page_map()). A window that starts on
 * another page so answers without parsing a drawing it does not show.
 */
void
fascia_atlas_page_set_view (FasciaAtlasPage *self,
                            const char      *view_id)
{
  g_return_if_fail (FASCIA_IS_ATLAS_PAGE (self));
  g_return_if_fail (view_id != NULL);

  if (g_strcmp0 (self->view_id, view_id) == 0)
    focus_view_button (self);
  if (g_strcmp0 (self->view_id, view_id) == 0 || self->atlas == NULL)
    return;

  if ((gtk_widget_get_mapped (GTK_WIDGET (self))
       || fascia_diagram_view_get_diagram (self->diagram_view) != NULL)
      && !show_diagram (self, view_id))
    return;

  g_free (self->view_id);
  self->view_id = g_strdup (view_id);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  focus_view_button (self);
}

static void
fascia_atlas_page_map (GtkWidget *widget)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (widget);

  /* The first time the page shows: the view noted meanwhile is opened now, before the
   * first frame that shows the page. */
  if (self->view_id != NULL && fascia_diagram_view_get_diagram (self->diagram_view) == NULL
      && !show_diagram (self, self->view_id))
    g_clear_pointer (&self->view_id, g_free);

  GTK_WIDGET_CLASS (fascia_atlas_page_parent_class)->map (widget);
  schedule_load_ahead (self);

  if (!self->following_focus && GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    {
      self->following_focus = TRUE;
      g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                               G_CALLBACK (window_focus_cb), self, G_CONNECT_SWAPPED);
      window_focus_cb (self);
    }
}

static gboolean
strv_has (const char * const *strv,
          const char         *id)
{
  return strv != NULL && g_strv_contains (strv, id);
}

static gboolean
view_shows (FasciaView *view,
            const char *kind,
            const char *id)
{
  if (g_str_equal (kind, "muscle"))
    return strv_has (fascia_view_get_muscles (view), id);
  if (g_str_equal (kind, "landmark"))
    return strv_has (fascia_view_get_landmarks (view), id);
  return FALSE;
}

/* Whether the diagram shown names muscle @id with a label, though it has no region for it: the
 * pelvis view draws quadratus lumborum and the upper psoas as dashed outlines seen through the
 * column, labelled "Quadratus lumborum (behind)" and "Psoas major (behind)". */
static gboolean
diagram_names_muscle (FasciaAtlasPage *self,
                      const char      *id)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  guint n = diagram != NULL ? fascia_diagram_get_n_labels (diagram) : 0;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fascia_diagram_get_label_muscle (diagram, i), id) == 0)
      return TRUE;
  return FALSE;
}

/* Switches to a view that shows the record, unless the current one does: draws it, or names a
 * muscle with a label (diagram_names_muscle()), so that a click on "Quadratus lumborum
 * (behind)" opens its card where the therapist is, not in another view under the pointer. */
static void
show_in_a_view (FasciaAtlasPage *self,
                const char      *kind,
                const char      *id)
{
  GListModel *views = fascia_atlas_get_views (self->atlas);
  FasciaView *current;
  guint n = g_list_model_get_n_items (views);

  if (g_str_equal (kind, "technique"))
    {
      const char * const *muscles;

      muscles = fascia_technique_get_muscles (fascia_atlas_lookup_technique (self->atlas, id));
      if (muscles == NULL || muscles[0] == NULL)
        return;
      kind = "muscle";
      id = muscles[0];
    }

  current = self->view_id != NULL ? fascia_atlas_lookup_view (self->atlas, self->view_id) : NULL;
  if (current != NULL && view_shows (current, kind, id))
    return;
  if (current != NULL && g_str_equal (kind, "muscle") && diagram_names_muscle (self, id))
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);

      if (view_shows (view, kind, id))
        {
          fascia_atlas_page_set_view (self, fascia_view_get_id (view));
          return;
        }
    }
}

static void
reveal_first (FasciaAtlasPage  *self,
              FasciaRegionKind  kind,
              const char       *atlas_id)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  guint n = diagram != NULL ? fascia_diagram_get_n_regions (diagram) : 0;

  for (guint i = 0; i < n; i++)
    {
      const FasciaRegion *region = fascia_diagram_get_region (diagram, i);

      if (region->kind == kind && g_strcmp0 (region->atlas_id, atlas_id) == 0)
        {
          fascia_diagram_view_reveal_region (self->diagram_view, region->id);
          return;
        }
    }
}

/* The pain finder */

static GtkWidget *
pain_row (FasciaAtlasPage        *self,
          const FasciaPainSource *source,
          FasciaView             *view,
          const FasciaRegion     *near)
{
  FasciaMuscle *muscle = fascia_atlas_lookup_muscle (self->atlas, source->muscle_id);
  FasciaTriggerPoint *point = fascia_atlas_lookup_trigger_point (self->atlas, source->muscle_id,
                                                                 source->n);
  g_autofree char *title = fascia_muscle_get_display_name (muscle, source->side);
  g_autofree char *subtitle = NULL;
  g_autofree char *target = g_strconcat ("muscle:", source->muscle_id, NULL);
  GtkWidget *row = adw_action_row_new ();

  if (near != NULL)
    {
      FasciaLandmark *landmark = fascia_atlas_lookup_landmark (self->atlas, near->atlas_id);
      g_autofree char *name = g_strdup (landmark != NULL ? fascia_landmark_get_name (landmark)
                                                         : near->atlas_id);

      /* Mid-sentence: "the greater trochanter", but "the ASIS", "the L3 transverse process". */
      if (g_ascii_isupper (name[0]) && g_ascii_islower (name[1]))
        name[0] = g_ascii_tolower (name[0]);
      /* Translators: the view a muscle was found in ("Side"), the bony landmark by which the
       * spot was found there, which trigger point of the muscle, and where it lies */
      subtitle = g_strdup_printf (_("%s view, at the %s · trigger point %u: %s"),
                                  fascia_view_get_title (view), name,
                                  source->n,
                                  point != NULL ? fascia_trigger_point_get_location (point) : "");
    }
  else
    /* Translators: the view a muscle was found in ("Side"), which trigger point of it, and
     * where it lies */
    subtitle = g_strdup_printf (_("%s view · trigger point %u: %s"),
                                view != NULL ? fascia_view_get_title (view) : "", source->n,
                                point != NULL ? fascia_trigger_point_get_location (point) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                           NULL));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "atlas.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);

  return row;
}

static FasciaView *
lookup_view (FasciaAtlasPage *self,
             const char      *view_id)
{
  GListModel *views = fascia_atlas_get_views (self->atlas);

  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (fascia_view_get_id (view), view_id) == 0)
        return view;  /* the atlas keeps it */
    }

  return NULL;
}

/* One row per muscle and side, at its nearest trigger point, unless @seen has it. */
static guint
add_pain_rows (FasciaAtlasPage    *self,
               GPtrArray          *sources,
               FasciaView         *view,
               const FasciaRegion *near,
               GHashTable         *seen)
{
  guint n = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      const FasciaPainSource *source = g_ptr_array_index (sources, i);
      g_autofree char *key = g_strdup_printf ("%s/%d", source->muscle_id, source->side);

      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      gtk_list_box_append (self->pain_list, pain_row (self, source, view, near));
      n++;
    }

  return n;
}

static void
show_pain (FasciaAtlasPage *self,
           double           x,
           double           y)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;
  guint n_rows;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pain_list))) != NULL)
    gtk_list_box_remove (self->pain_list, child);

  fascia_diagram_view_clear_markers (self->diagram_view);
  fascia_diagram_view_add_marker (self->diagram_view, x, y);

  sources = diagram != NULL ? fascia_pain_finder_find (diagram, x, y) : g_ptr_array_new ();
  n_rows = add_pain_rows (self, sources, lookup_view (self, self->view_id), NULL, seen);

  /* The same spot in the other views, found by its nearest bony landmark: each view draws
   * the zones of the muscles it shows, so together they make the whole list. */
  if (diagram != NULL)
    {
      GListModel *views = fascia_atlas_get_views (self->atlas);

      for (guint v = 0; v < g_list_model_get_n_items (views); v++)
        {
          g_autoptr(FasciaView) view = g_list_model_get_item (views, v);
          FasciaDiagram *other;
          const FasciaRegion *near;
          g_autoptr(GPtrArray) there = NULL;
          double ox, oy;

          if (g_str_equal (fascia_view_get_id (view), self->view_id)
              || (other = ensure_diagram (self, fascia_view_get_id (view), NULL)) == NULL
              || (near = fascia_pain_finder_locate (diagram, x, y, other, &ox, &oy)) == NULL)
            continue;
          there = fascia_pain_finder_find (other, ox, oy);
          n_rows += add_pain_rows (self, there, view, near, seen);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->pain_list), n_rows > 0);
  gtk_label_set_label (self->pain_summary,
                       n_rows > 0
                       ? _("Pain felt here may come from trigger points in these muscles: this "
                           "view’s nearest first, then those other views show by the same bone.")
                       : _("No trigger point in this view refers pain to this spot. Try another "
                           "view, or a spot nearby."));
}

/* Search */

static GtkWidget *
search_row (GObject *item)
{
  const char *name, *kind, *id, *subtitle;
  g_autofree char *target = NULL;
  g_autofree char *description = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (FASCIA_IS_MUSCLE (item))
    {
      name = fascia_muscle_get_name (FASCIA_MUSCLE (item));
      subtitle = fascia_muscle_get_latin (FASCIA_MUSCLE (item));
      id = fascia_muscle_get_id (FASCIA_MUSCLE (item));
      kind = "muscle";
      description = g_strdup_printf ("%s · %s", _("Muscle"), subtitle);
    }
  else if (FASCIA_IS_LANDMARK (item))
    {
      name = fascia_landmark_get_name (FASCIA_LANDMARK (item));
      subtitle = fascia_landmark_get_latin (FASCIA_LANDMARK (item));
      id = fascia_landmark_get_id (FASCIA_LANDMARK (item));
      kind = "landmark";
      description = subtitle != NULL ? g_strdup_printf ("%s · %s", _("Landmark"), subtitle)
                                     : g_strdup (_("Landmark"));
    }
  else if (FASCIA_IS_TECHNIQUE (item))
    {
      name = fascia_technique_get_name (FASCIA_TECHNIQUE (item));
      id = fascia_technique_get_id (FASCIA_TECHNIQUE (item));
      kind = "technique";
      description = g_strdup (_("Technique"));
    }
  else
    {
      g_object_unref (g_object_ref_sink (row));
      return NULL;
    }

  target = g_strconcat (kind, ":", id, NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "atlas.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);

  return row;
}

static void
show_search (FasciaAtlasPage *self,
             const char      *query)
{
  g_autoptr(GListModel) results = fascia_atlas_search (self->atlas, query);
  guint n = g_list_model_get_n_items (results);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_list))) != NULL)
    gtk_list_box_remove (self->search_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      GtkWidget *row = search_row (item);

      if (row != NULL)
        gtk_list_box_append (self->search_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->search_list), n > 0);
  if (n == 0)
    gtk_label_set_label (self->search_summary, _("Nothing in the atlas matches. Try the English "
                                                 "or the Latin name, or part of it."));
  else
    {
      g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match",
                                                               "%u matches", n), n);

      gtk_label_set_label (self->search_summary, summary);
    }
}

/* Cards */

const char *
fascia_atlas_page_get_card (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), NULL);

  return self->card;
}

/* Muscle cards made ahead.
 *
 * A muscle card is ~80 labels: built on the click, the frame that answers it built them and
 * had GTK measure them, and Pango shape their text, several times each (for the width they
 * ask, and for the height at the pane's width): about half the click's CPU, and most of the
 * first click's, with the fonts and glyphs new. While the pointer, or the keyboard focus,
 * rests on a muscle (::region-rested, as for its overlays), the card it would open is built
 * in the hidden second card, at low priority, and the next frame styles it and, in its layout
 * pass, the card viewport measures and allocates it at the pane's width, as it will be shown
 * (fascia_card_viewport_lay_out_ahead()). The click then
 * shows that card, whose sizes and layouts GTK has kept (its frame measures, allocates and
 * shapes nearly nothing of it), and the card shown before becomes the hidden one. */

static FasciaCardViewport *
card_viewport (FasciaAtlasPage *self)
{
  return FASCIA_CARD_VIEWPORT (gtk_widget_get_parent (GTK_WIDGET (self->card_stack)));
}

/**
 * fascia_atlas_page_get_muscle_card:
 *
 * Returns: (transfer none): the muscle card shown, or last shown (the page keeps two, which
 *   trade places when a card made ahead is shown)
 */
GtkWidget *
fascia_atlas_page_get_muscle_card (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), NULL);

  return GTK_WIDGET (self->muscle_card);
}

/**
 * fascia_atlas_page_get_card_build_count:
 *
 * Returns: how many times a muscle card was built, shown or ahead (for tests and benchmarks)
 */
guint
fascia_atlas_page_get_card_build_count (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), 0);

  return self->n_card_builds;
}

/**
 * fascia_atlas_page_is_making_card_ahead:
 *
 * Returns: whether a muscle card is being built or laid out ahead (for tests and benchmarks)
 */
gboolean
fascia_atlas_page_is_making_card_ahead (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), FALSE);

  return self->ahead_muscle != NULL || fascia_card_viewport_is_laying_out_ahead (card_viewport (self));
}

static void
build_muscle_card (FasciaAtlasPage  *self,
                   FasciaMuscleCard *card,
                   FasciaMuscle     *muscle)
{
  if (fascia_muscle_card_get_muscle (card) == muscle)
    return;

  fascia_muscle_card_set_muscle (card, self->atlas, muscle);
  self->n_card_builds++;
}

/* No card is built ahead, or laid out, any more. */
static void
stop_card_ahead (FasciaAtlasPage *self)
{
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  g_clear_pointer (&self->ahead_muscle, g_free);
  fascia_card_viewport_lay_out_ahead (card_viewport (self), NULL);
}

/* Builds the card in the hidden second card, and has the card viewport lay it out in the
 * next frame's layout, as the pane will once it is shown (at the pane's width, after the
 * frame has styled it: labels measured before that would be measured again in the fonts the
 * frame gives them). */
static gboolean
build_card_ahead_cb (gpointer user_data)
{
  FasciaAtlasPage *self = user_data;
  FasciaMuscle *muscle = fascia_atlas_lookup_muscle (self->atlas, self->ahead_muscle);

  self->ahead_id = 0;
  g_clear_pointer (&self->ahead_muscle, g_free);
  if (muscle == NULL || fascia_muscle_card_get_muscle (self->muscle_card) == muscle)
    return G_SOURCE_REMOVE;

  build_muscle_card (self, self->muscle_card_ahead, muscle);
  fascia_card_viewport_lay_out_ahead (card_viewport (self), GTK_WIDGET (self->muscle_card_ahead));

  return G_SOURCE_REMOVE;
}

/* Has the card of muscle @id made ahead, unless it is shown or made already. */
static void
make_card_ahead (FasciaAtlasPage *self,
                 const char      *id)
{
  FasciaMuscle *muscle = fascia_atlas_lookup_muscle (self->atlas, id);

  if (g_strcmp0 (self->ahead_muscle, id) == 0)
    return;
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  g_clear_pointer (&self->ahead_muscle, g_free);
  if (muscle == NULL || fascia_muscle_card_get_muscle (self->muscle_card) == muscle
      || fascia_muscle_card_get_muscle (self->muscle_card_ahead) == muscle
      || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  self->ahead_muscle = g_strdup (id);
  self->ahead_id = g_idle_add_full (G_PRIORITY_LOW, build_card_ahead_cb, self, NULL);
}

/* Shows the card of @muscle: the one made ahead if it is that muscle's, else the card shown
 * built anew. */
static void
show_muscle_card (FasciaAtlasPage *self,
                  FasciaMuscle    *muscle)
{
  if (fascia_muscle_card_get_muscle (self->muscle_card) != muscle
      && fascia_muscle_card_get_muscle (self->muscle_card_ahead) == muscle)
    {
      FasciaMuscleCard *ahead = self->muscle_card_ahead;

      /* Not laid out yet: the frame that shows it lays it out. */
      fascia_card_viewport_lay_out_ahead (card_viewport (self), NULL);
      self->muscle_card_ahead = self->muscle_card;
      self->muscle_card = ahead;
    }
  else
    build_muscle_card (self, self->muscle_card, muscle);

  gtk_stack_set_visible_child (self->card_stack, GTK_WIDGET (self->muscle_card));
}

/* Shows @card without touching the history; FALSE if it names nothing. */
static gboolean
show_card (FasciaAtlasPage *self,
           const char      *card)
{
  g_autofree char *kind = NULL;
  const char *id;
  const char *title;

  if (card == NULL)
    {
      gtk_stack_set_visible_child_name (self->card_stack, "welcome");
      gtk_label_set_label (self->pane_title, "");
    }
  else if (!split_card (card, &kind, &id))
    return FALSE;
  else if (g_str_equal (kind, "muscle"))
    {
      FasciaMuscle *muscle = fascia_atlas_lookup_muscle (self->atlas, id);

      if (muscle == NULL)
        return FALSE;
      show_muscle_card (self, muscle);
      title = _("Muscle");
    }
  else if (g_str_equal (kind, "technique"))
    {
      FasciaTechnique *technique = fascia_atlas_lookup_technique (self->atlas, id);

      if (technique == NULL)
        return FALSE;
      fascia_technique_card_set_technique (self->technique_card, self->atlas, technique);
      title = _("Technique");
    }
  else if (g_str_equal (kind, "landmark"))
    {
      FasciaLandmark *landmark = fascia_atlas_lookup_landmark (self->atlas, id);

      if (landmark == NULL)
        return FALSE;
      fascia_landmark_card_set_landmark (self->landmark_card, self->atlas, landmark);
      title = _("Landmark");
    }
  else if (g_str_equal (kind, "pain"))
    {
      double x, y;

      if (sscanf (id, "%lf,%lf", &x, &y) != 2)
        return FALSE;
      show_pain (self, x, y);
      title = _("Where the Pain May Come From");
    }
  else if (g_str_equal (kind, "search"))
    {
      show_search (self, id);
      title = _("Search");
    }
  else
    return FALSE;

  if (card != NULL)
    {
      if (!g_str_equal (kind, "muscle"))
        gtk_stack_set_visible_child_name (self->card_stack, kind);
      gtk_label_set_label (self->pane_title, title);
      /* In a narrow window the pane folds away; a card opened comes into view, from its top. */
      adw_flap_set_reveal_flap (self->flap, TRUE);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->card_scroller), 0);
    }

  if (g_strcmp0 (kind, "muscle") != 0 && self->show_referral)
    {
      self->show_referral = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REFERRAL]);
    }

  /* Another card: the pane is repainted whole, not compared line by line with the last. */
  if (g_strcmp0 (self->card, card) != 0)
    fascia_card_viewport_show_new (FASCIA_CARD_VIEWPORT (gtk_widget_get_parent (
      GTK_WIDGET (self->card_stack))));

  g_free (self->card);
  self->card = g_strdup (card);

  if (kind != NULL && !g_str_equal (kind, "pain") && !g_str_equal (kind, "search"))
    show_in_a_view (self, kind, id);

  fascia_atlas_page_apply_styles (self);
  stop_lighting_views (self);
  if (kind != NULL && !g_str_equal (kind, "pain") && !g_str_equal (kind, "search"))
    light_other_views_after_frame (self);

  if (kind != NULL && g_str_equal (kind, "muscle"))
    reveal_first (self, FASCIA_REGION_MUSCLE, id);
  else if (kind != NULL && g_str_equal (kind, "landmark"))
    reveal_first (self, FASCIA_REGION_LANDMARK, id);

  fascia_atlas_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARD]);
  return TRUE;
}

/* Whether the keyboard is in the card shown (on a search result, a link, a row). */
static gboolean
focus_in_card (FasciaAtlasPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->card_stack));
}

/* The card the keyboard was in gave way to another (Enter on a search result or a link):
 * GtkStack hands the focus to the new card's first control in an order of places not laid out
 * yet, often a link at its foot ("Clamshell": its target muscles), out of sight once the card
 * shows from its top, and past the words a screen reader's user came for. The focus goes to
 * Back, at the top of the pane, from where Tab goes through the card in order and Enter
 * returns; with nowhere to go back to, to the card's first control. */
static void
focus_pane_top (FasciaAtlasPage *self)
{
  if (gtk_widget_is_sensitive (self->back_button) && gtk_widget_grab_focus (self->back_button))
    return;
  gtk_widget_child_focus (GTK_WIDGET (self->card_scroller), GTK_DIR_TAB_FORWARD);
}

static void
push_and_show (FasciaAtlasPage *self,
               const char      *card)
{
  g_autofree char *previous = g_strdup (self->card);
  gboolean was_in_card = focus_in_card (self);

  if (g_strcmp0 (previous, card) == 0)
    return;

  if (show_card (self, card) && previous != NULL)
    g_ptr_array_add (self->history, g_steal_pointer (&previous));

  fascia_atlas_page_update_actions (self);
  if (was_in_card)
    focus_pane_top (self);
}

/**
 * fascia_atlas_page_open:
 * @kind: "muscle", "technique" or "landmark"
 *
 * Opens the card of a record, switching to a view that shows it if the current one does not.
 *
 * Returns: whether there is such a record.
 */
gboolean
fascia_atlas_page_open (FasciaAtlasPage *self,
                        const char      *kind,
                        const char      *id)
{
  g_autofree char *card = NULL;
  g_autofree char *previous = NULL;
  gboolean was_in_card;

  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), FALSE);
  g_return_val_if_fail (kind != NULL && id != NULL, FALSE);

  card = g_strconcat (kind, ":", id, NULL);
  if (g_strcmp0 (self->card, card) == 0)
    return TRUE;

  was_in_card = focus_in_card (self);
  previous = g_strdup (self->card);
  if (!show_card (self, card))
    return FALSE;

  if (previous != NULL)
    g_ptr_array_add (self->history, g_steal_pointer (&previous));
  fascia_atlas_page_update_actions (self);
  if (was_in_card)
    focus_pane_top (self);
  return TRUE;
}

void
fascia_atlas_page_back (FasciaAtlasPage *self)
{
  g_autofree char *card = NULL;
  gboolean was_in_card;

  if (self->history->len == 0)
    return;

  was_in_card = focus_in_card (self);
  card = g_ptr_array_steal_index (self->history, self->history->len - 1);
  show_card (self, card);
  if (g_str_has_prefix (card, "search:"))
    {
      /* Coming back to the results brings their query back too. */
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      g_signal_handlers_block_by_func (self->search_entry, NULL, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), card + strlen ("search:"));
      g_signal_handlers_unblock_by_func (self->search_entry, NULL, self);
    }
  fascia_atlas_page_update_actions (self);
  if (was_in_card)
    focus_pane_top (self);
}

/* Template callbacks */

/* The pointer rests on a region: what a click on it would light is made ahead (see
 * fascia_diagram_view_make_ahead()), so that the click's frame makes no overlay, and a
 * muscle's card too (make_card_ahead()). */
static void
region_rested_cb (FasciaAtlasPage   *self,
                  const char        *region_id,
                  FasciaDiagramView *view)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  const FasciaRegion *region = fascia_diagram_lookup_region (diagram, region_id);
  g_autofree char *card = NULL;

  if (region == NULL || region->atlas_id == NULL)
    return;

  if (region->kind == FASCIA_REGION_LANDMARK)
    {
      card = g_strconcat ("landmark:", region->atlas_id, NULL);
      if (g_strcmp0 (self->card, card) != 0)
        light_regions (self, light_ahead, FASCIA_REGION_LANDMARK,
                       region->atlas_id, FASCIA_REGION_STYLE_SELECTED);
    }
  else
    {
      card = g_strconcat ("muscle:", region->atlas_id, NULL);
      if (g_strcmp0 (self->card, card) != 0)
        {
          light_muscle (self, light_ahead, region->atlas_id);
          make_card_ahead (self, region->atlas_id);
        }
    }
}

static void
region_activated_cb (FasciaAtlasPage   *self,
                     const char        *region_id,
                     FasciaDiagramView *view)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  const FasciaRegion *region = fascia_diagram_lookup_region (diagram, region_id);

  if (region == NULL)
    return;

  switch (region->kind)
    {
    case FASCIA_REGION_LANDMARK:
      fascia_atlas_page_open (self, "landmark", region->atlas_id);
      break;

    case FASCIA_REGION_TRIGGER_POINT:
    case FASCIA_REGION_REFERRAL_ZONE:
      fascia_atlas_page_open (self, "muscle", region->atlas_id);
      if (!self->show_referral)
        {
          self->show_referral = TRUE;
          fascia_atlas_page_apply_styles (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REFERRAL]);
        }
      break;

    case FASCIA_REGION_MUSCLE:
    default:
      fascia_atlas_page_open (self, "muscle", region->atlas_id);
      break;
    }
}

static void
point_activated_cb (FasciaAtlasPage   *self,
                    double             x,
                    double             y,
                    FasciaDiagramView *view)
{
  g_autofree char *card = NULL;
  char buf_x[G_ASCII_DTOSTR_BUF_SIZE], buf_y[G_ASCII_DTOSTR_BUF_SIZE];

  if (!self->referral_mode)
    {
      FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
      const FasciaRegion *labelled = NULL;
      gboolean on_label = FALSE;

      /* A click on a label opens what it names, as a click on it does; a muscle drawn only
       * as an outline seen through a bone ("Psoas major (behind)" in the pelvis view), where
       * its line points at no region, by the muscle card the label names. */
      if (diagram != NULL && fascia_diagram_hit_test (diagram, x, y) == NULL)
        labelled = fascia_ui_labelled_region_at (diagram, x, y, &on_label);
      if (labelled != NULL)
        region_activated_cb (self, labelled->id, view);
      else if (diagram != NULL && on_label)
        {
          const char *muscle = fascia_diagram_get_label_muscle (diagram,
                                                                fascia_ui_label_at (diagram, x, y));

          if (muscle != NULL)
            fascia_atlas_page_open (self, "muscle", muscle);
        }
      return;
    }

  card = g_strdup_printf ("pain:%s,%s",
                          g_ascii_formatd (buf_x, sizeof buf_x, "%.1f", x),
                          g_ascii_formatd (buf_y, sizeof buf_y, "%.1f", y));

  /* A new spot replaces the last one rather than piling up in the history. */
  if (g_str_has_prefix (self->card != NULL ? self->card : "", "pain:"))
    show_card (self, card);
  else
    push_and_show (self, card);
}

static void
search_changed_cb (FasciaAtlasPage *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *card = NULL;

  if (text[0] == '\0')
    {
      if (g_str_has_prefix (self->card != NULL ? self->card : "", "search:"))
        fascia_atlas_page_back (self);
      return;
    }

  card = g_strconcat ("search:", text, NULL);
  if (g_str_has_prefix (self->card != NULL ? self->card : "", "search:"))
    show_card (self, card);
  else
    push_and_show (self, card);
}

static void
search_activate_cb (FasciaAtlasPage *self,
                    GtkSearchEntry  *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->search_list, 0);

  if (row != NULL && gtk_widget_get_visible (GTK_WIDGET (self->search_list)))
    gtk_widget_activate (GTK_WIDGET (row));
}

/* Down from the search goes to what it found, as in the client search and the plan editor's
 * exercise search; it moved the focus to the diagram beside, whose region Enter then opened. */
static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               FasciaAtlasPage       *self)
{
  GtkListBoxRow *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  row = gtk_list_box_get_row_at_index (self->search_list, 0);
  if (row == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->search_list))
      || !gtk_widget_get_mapped (GTK_WIDGET (row)))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return GDK_EVENT_STOP;
}

static void
search_stop_cb (FasciaAtlasPage *self,
                GtkSearchEntry  *entry)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Modes */

void
fascia_atlas_page_set_referral_mode (FasciaAtlasPage *self,
                                     gboolean         referral_mode)
{
  referral_mode = !!referral_mode;
  if (self->referral_mode == referral_mode)
    return;

  self->referral_mode = referral_mode;
  fascia_diagram_view_set_point_mode (self->diagram_view, referral_mode);
  if (!referral_mode)
    {
      fascia_diagram_view_clear_markers (self->diagram_view);
      if (g_str_has_prefix (self->card != NULL ? self->card : "", "pain:"))
        fascia_atlas_page_back (self);
    }
  else
    {
      gtk_label_set_label (self->pain_summary,
                           _("Click where the client feels the pain, or press Enter on a "
                             "muscle or bone of the drawing."));
      gtk_widget_set_visible (GTK_WIDGET (self->pain_list), FALSE);
      gtk_stack_set_visible_child_name (self->card_stack, "pain");
      gtk_label_set_label (self->pane_title, _("Where Does It Hurt?"));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERRAL_MODE]);
}

gboolean
fascia_atlas_page_get_presentation (FasciaAtlasPage *self)
{
  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), FALSE);

  return self->presentation;
}

/* Presentation labels are read across a treatment table, about 2 m away: at least 18 px
 * on screen (20 with a margin) however far the drawing is zoomed out to fit. */
#define PRESENTATION_LABEL_PX 20.0

static double
label_pixels (FasciaAtlasPage *self)
{
  return self->presentation ? PRESENTATION_LABEL_PX : FASCIA_UI_READABLE_LABEL_PX;
}

static void
update_label_size (FasciaAtlasPage *self)
{
  fascia_ui_update_label_size (self->diagram_view, label_pixels (self));
}

/**
 * fascia_atlas_page_get_label_pixels:
 *
 * Returns: how tall the diagram's label text is on screen, in logical pixels.
 */
double
fascia_atlas_page_get_label_pixels (FasciaAtlasPage *self)
{
  FasciaDiagram *diagram;

  g_return_val_if_fail (FASCIA_IS_ATLAS_PAGE (self), 0);

  diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  return diagram != NULL ? fascia_diagram_get_label_size (diagram) *
                           fascia_diagram_view_get_zoom (self->diagram_view)
                         : 0;
}

/**
 * fascia_atlas_page_set_presentation:
 *
 * Presentation mode is for showing a client where the pain comes from: full screen, the
 * diagram first, large text, only the plain-language explanation, no client data.
 */
void
fascia_atlas_page_set_presentation (FasciaAtlasPage *self,
                                    gboolean         presentation)
{
  GtkRoot *root;

  g_return_if_fail (FASCIA_IS_ATLAS_PAGE (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;

  self->presentation = presentation;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      if (presentation)
        gtk_window_fullscreen (GTK_WINDOW (root));
      else
        gtk_window_unfullscreen (GTK_WINDOW (root));
    }

  if (presentation)
    {
      /* The drawing fills the screen; the card comes back with the pane toggle if asked. */
      self->card_before_presentation = adw_flap_get_reveal_flap (self->flap);
      adw_flap_set_reveal_flap (self->flap, FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      /* A plan's targets and pain marks are client data; presentation shows neither. */
      fascia_diagram_view_clear_region_styles (self->diagram_view,
                                               FASCIA_REGION_STYLE_TARGET
                                               | FASCIA_REGION_STYLE_PAIN);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      adw_flap_set_reveal_flap (self->flap, self->card_before_presentation);
    }

  fascia_atlas_page_apply_plan (self);
  fascia_diagram_view_zoom_to_fit (self->diagram_view);
  update_label_size (self);
  fascia_atlas_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

/* GObject */

static void
fascia_atlas_page_constructed (GObject *object)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (fascia_atlas_page_parent_class)->constructed (object);

  self->atlas = fascia_atlas_get_default (&error);
  if (self->atlas == NULL)
    {
      show_problem (self, _("The atlas could not be loaded"), error);
      return;
    }

  g_object_ref (self->atlas);
  fascia_diagram_view_set_atlas (self->diagram_view, self->atlas);
  fascia_atlas_page_set_view (self, "anterior");
  fascia_atlas_page_update_actions (self);
}

static void
fascia_atlas_page_unrealize (GtkWidget *widget)
{
  /* A card, or overlays, waiting for a frame of this frame clock are not made. */
  stop_card_ahead (FASCIA_ATLAS_PAGE (widget));
  stop_lighting_views (FASCIA_ATLAS_PAGE (widget));

  GTK_WIDGET_CLASS (fascia_atlas_page_parent_class)->unrealize (widget);
}

static void
fascia_atlas_page_dispose (GObject *object)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (object);

  fascia_atlas_page_clear_plan (self);
  g_clear_weak_pointer (&self->focus_now);
  g_clear_weak_pointer (&self->focus_before);
  stop_card_ahead (self);
  stop_lighting_views (self);
  g_clear_handle_id (&self->load_id, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_ATLAS_PAGE);

  G_OBJECT_CLASS (fascia_atlas_page_parent_class)->dispose (object);
}

static void
fascia_atlas_page_finalize (GObject *object)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (object);

  g_clear_object (&self->atlas);
  g_clear_pointer (&self->diagrams, g_hash_table_unref);
  g_clear_pointer (&self->unloadable, g_hash_table_unref);
  g_clear_pointer (&self->view_id, g_free);
  g_clear_pointer (&self->card, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (fascia_atlas_page_parent_class)->finalize (object);
}

static gboolean *
boolean_field (FasciaAtlasPage *self,
               guint            prop_id)
{
  switch (prop_id)
    {
    case PROP_SHOW_LABELS:
      return &self->show_labels;
    case PROP_SHOW_BONES:
      return &self->show_bones;
    case PROP_SHOW_MUSCLES:
      return &self->show_muscles;
    case PROP_SHOW_TRIGGER_POINTS:
      return &self->show_trigger_points;
    case PROP_SHOW_NERVES:
      return &self->show_nerves;
    default:
      return NULL;
    }
}

static void
fascia_atlas_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      /* The "atlas.view" action's state: a menu of views cannot show a NULL state. */
      g_value_set_string (value, self->view_id != NULL ? self->view_id : "");
      break;

    case PROP_CARD:
      g_value_set_string (value, self->card);
      break;

    case PROP_SHOW_LABELS:
    case PROP_SHOW_BONES:
    case PROP_SHOW_MUSCLES:
    case PROP_SHOW_TRIGGER_POINTS:
    case PROP_SHOW_NERVES:
      g_value_set_boolean (value, *boolean_field (self, prop_id));
      break;

    case PROP_REFERRAL_MODE:
      g_value_set_boolean (value, self->referral_mode);
      break;

    case PROP_SHOW_REFERRAL:
      g_value_set_boolean (value, self->show_referral);
      break;

    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_atlas_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FasciaAtlasPage *self = FASCIA_ATLAS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      fascia_atlas_page_set_view (self, g_value_get_string (value));
      break;

    case PROP_SHOW_LABELS:
    case PROP_SHOW_BONES:
    case PROP_SHOW_MUSCLES:
    case PROP_SHOW_TRIGGER_POINTS:
    case PROP_SHOW_NERVES:
      if (*boolean_field (self, prop_id) != g_value_get_boolean (value))
        {
          *boolean_field (self, prop_id) = g_value_get_boolean (value);
          fascia_atlas_page_apply_layers (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_REFERRAL_MODE:
      fascia_atlas_page_set_referral_mode (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_REFERRAL:
      if (self->show_referral != g_value_get_boolean (value))
        {
          self->show_referral = g_value_get_boolean (value);
          fascia_atlas_page_apply_styles (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PRESENTATION:
      fascia_atlas_page_set_presentation (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_atlas_page_class_init (FasciaAtlasPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = fascia_atlas_page_constructed;
  object_class->dispose = fascia_atlas_page_dispose;
  object_class->finalize = fascia_atlas_page_finalize;
  object_class->get_property = fascia_atlas_page_get_property;
  object_class->set_property = fascia_atlas_page_set_property;
  widget_class->map = fascia_atlas_page_map;
  widget_class->unrealize = fascia_atlas_page_unrealize;

  properties[PROP_VIEW] = g_param_spec_string ("view", NULL, NULL, NULL, flags);
  properties[PROP_CARD] = g_param_spec_string ("card", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LABELS] = g_param_spec_boolean ("show-labels", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_BONES] = g_param_spec_boolean ("show-bones", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_MUSCLES] = g_param_spec_boolean ("show-muscles", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_TRIGGER_POINTS] = g_param_spec_boolean ("show-trigger-points", NULL, NULL,
                                                               TRUE, flags);
  properties[PROP_SHOW_NERVES] = g_param_spec_boolean ("show-nerves", NULL, NULL, FALSE, flags);
  properties[PROP_REFERRAL_MODE] = g_param_spec_boolean ("referral-mode", NULL, NULL, FALSE,
                                                         flags);
  properties[PROP_SHOW_REFERRAL] = g_param_spec_boolean ("show-referral", NULL, NULL, FALSE,
                                                         flags);
  properties[PROP_PRESENTATION] = g_param_spec_boolean ("presentation", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FASCIA_TYPE_CARD_VIEWPORT);
  g_type_ensure (FASCIA_TYPE_DIAGRAM_VIEW);
  g_type_ensure (FASCIA_TYPE_MUSCLE_CARD);
  g_type_ensure (FASCIA_TYPE_TECHNIQUE_CARD);
  g_type_ensure (FASCIA_TYPE_LANDMARK_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-atlas-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, diagram_view);
  fascia_ui_bind_deferred_menu (widget_class, "layers_button", "layers_menu");
  fascia_ui_bind_deferred_menu (widget_class, "view_menu_button", "view_menu");
  fascia_ui_bind_deferred_menu (widget_class, "overflow_button", "overflow_menu");
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, flap);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, pane_title);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, card_scroller);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, card_stack);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, muscle_card);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, muscle_card_ahead);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, technique_card);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, plan_bar);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, plan_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, landmark_card);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, pain_summary);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, pain_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, search_summary);
  gtk_widget_class_bind_template_child (widget_class, FasciaAtlasPage, search_list);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean);
  gtk_widget_class_bind_template_callback (widget_class, card_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_rested_cb);
  gtk_widget_class_bind_template_callback (widget_class, point_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  fascia_atlas_page_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "atlaspage");
}

static void
fascia_atlas_page_init (FasciaAtlasPage *self)
{
  self->diagrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->unloadable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->show_labels = TRUE;
  self->show_bones = TRUE;
  self->show_muscles = TRUE;
  self->show_trigger_points = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  card_shown_cb (self);
  fascia_ui_defer_menu (GTK_WIDGET (self), FASCIA_TYPE_ATLAS_PAGE, "layers_button", "layers_menu");
  fascia_ui_defer_menu (GTK_WIDGET (self), FASCIA_TYPE_ATLAS_PAGE, "view_menu_button",
                        "view_menu");
  fascia_ui_defer_menu (GTK_WIDGET (self), FASCIA_TYPE_ATLAS_PAGE, "overflow_button",
                        "overflow_menu");
  /* The figure, centred with a margin, not the view's whole drawing: in a small window the
   * front view's legs ran into the pane's bottom edge. */
  fascia_diagram_view_set_fit_figure (self->diagram_view, TRUE);
  g_signal_connect_object (gtk_widget_get_parent (self->toolbar), "notify::visible-child",
                           G_CALLBACK (toolbar_swapped_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  g_signal_connect_object (self->diagram_view, "notify::zoom",
                           G_CALLBACK (update_label_size), self, G_CONNECT_SWAPPED);
  /* Wider with the same zoom (the card pane hidden in presentation mode): more room beside
   * the drawing for the labels. */
  g_signal_connect_object (self->diagram_view, "resized",
                           G_CALLBACK (update_label_size), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->diagram_view, "prepare",
                           G_CALLBACK (prepare_cb), self, G_CONNECT_SWAPPED);
}

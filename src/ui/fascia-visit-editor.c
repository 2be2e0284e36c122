/* fascia-visit-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-ui-utils.h"
#include "fascia-visit-editor.h"

/*
 * One visit: the date, pain before and after (one click each), a body chart on the diagram,
 * findings per muscle, the plan targets treated and SOAP notes. The diagram's tool decides
 * what a click on a muscle does: "Pain" marks pain there (or at the point, off the muscles),
 * each finding tool toggles that finding on the muscle clicked. SOAP notes lock a day after
 * the visit; after that, each change is kept as an amendment and shown under the original.
 */

struct _FasciaVisitEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *heading_label;
  GtkLabel          *lock_label;
  GtkDropDown       *view_dropdown;
  GtkToggleButton   *compare_button;
  FasciaDiagramView *diagram_view;
  AdwEntryRow       *date_row;
  FasciaPainScale   *pain_before_scale;
  FasciaPainScale   *pain_after_scale;
  GtkListBox        *mark_list;
  GtkListBox        *finding_list;
  GtkListBox        *treated_list;
  GtkTextView       *subjective_view;
  GtkTextView       *objective_view;
  GtkTextView       *assessment_view;
  GtkTextView       *plan_notes_view;
  GtkLabel          *subjective_amendments;
  GtkLabel          *objective_amendments;
  GtkLabel          *assessment_amendments;
  GtkLabel          *plan_notes_amendments;

  /* Owned */
  FasciaStore       *store;
  FasciaClient      *client;
  GListModel        *plans;
  FasciaVisit       *visit;
  GListModel        *marks;
  GListModel        *earlier_marks;
  GListModel        *findings;
  GHashTable        *dirty_marks;
  char              *tool;
  guint              save_source;
  guint              notes_dirty;   /* bit per FasciaVisitField */
  gboolean           visit_dirty;
  gboolean           loading;
};

enum {
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FasciaVisitEditor, fascia_visit_editor, ADW_TYPE_BIN)

static const struct {
  const char         *tool;
  FasciaFindingFlags  flag;
  const char         *label;
} finding_tools[] = {
  { "hypertonic", FASCIA_FINDING_HYPERTONIC, N_("Hypertonic") },
  { "trigger-point", FASCIA_FINDING_TRIGGER_POINT, N_("Trigger point") },
  { "tender", FASCIA_FINDING_TENDER, N_("Tender") },
  { "short", FASCIA_FINDING_SHORT, N_("Short") },
  { "weak", FASCIA_FINDING_WEAK, N_("Weak") },
};

static const char *pain_type_labels[] = {
  N_("Ache"), N_("Sharp"), N_("Burning"), N_("Numbness"), N_("Tingling"), NULL,
};

static void rebuild_marks    (FasciaVisitEditor *self);
static void rebuild_findings (FasciaVisitEditor *self);
static void update_diagram   (FasciaVisitEditor *self);

static GtkTextView *
note_view (FasciaVisitEditor *self,
           FasciaVisitField   field)
{
  switch (field)
    {
    case FASCIA_VISIT_FIELD_SUBJECTIVE:
      return self->subjective_view;
    case FASCIA_VISIT_FIELD_OBJECTIVE:
      return self->objective_view;
    case FASCIA_VISIT_FIELD_ASSESSMENT:
      return self->assessment_view;
    case FASCIA_VISIT_FIELD_PLAN_NOTES:
      return self->plan_notes_view;
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkLabel *
amendments_label (FasciaVisitEditor *self,
                  FasciaVisitField   field)
{
  switch (field)
    {
    case FASCIA_VISIT_FIELD_SUBJECTIVE:
      return self->subjective_amendments;
    case FASCIA_VISIT_FIELD_OBJECTIVE:
      return self->objective_amendments;
    case FASCIA_VISIT_FIELD_ASSESSMENT:
      return self->assessment_amendments;
    case FASCIA_VISIT_FIELD_PLAN_NOTES:
      return self->plan_notes_amendments;
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
field_nick (FasciaVisitField field)
{
  GEnumClass *klass = g_type_class_peek (FASCIA_TYPE_VISIT_FIELD);
  GEnumValue *value = klass != NULL ? g_enum_get_value (klass, field) : NULL;

  return value != NULL ? value->value_nick : "";
}

static void
update_amendments (FasciaVisitEditor *self)
{
  g_autoptr(GListModel) amendments = NULL;
  gboolean locked = self->visit != NULL && fascia_visit_is_locked (self->visit, NULL);

  g_type_class_ref (FASCIA_TYPE_VISIT_FIELD);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_label), locked);

  if (self->visit != NULL && self->store != NULL)
    amendments = fascia_store_list_amendments (self->store, fascia_visit_get_id (self->visit),
                                               NULL);

  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = amendments != NULL ? g_list_model_get_n_items (amendments) : 0;
      GtkLabel *label = amendments_label (self, field);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FasciaAmendment) amendment = g_list_model_get_item (amendments, i);
          g_autofree char *when = NULL;

          if (g_strcmp0 (fascia_amendment_get_field (amendment), field_nick (field)) != 0)
            continue;

          when = g_date_time_format (fascia_amendment_get_amended_at (amendment),
                                     /* Translators: when a note was amended */
                                     _("%e %b %Y %H:%M"));
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Amended %s — was: “%s”"), g_strstrip (when),
                                  fascia_amendment_get_old_text (amendment) ?: "");
        }

      gtk_label_set_label (label, text->str);
      gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
    }
}

static gboolean
save_now (FasciaVisitEditor *self)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer mark;
  gboolean amended = FALSE;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->store == NULL || self->visit == NULL)
    return G_SOURCE_REMOVE;

  if (self->visit_dirty)
    {
      self->visit_dirty = FALSE;
      if (!fascia_store_update_visit (self->store, self->visit, &error))
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not save the visit"), error);
      g_clear_error (&error);
    }

  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    {
      g_autofree char *text = NULL;

      if ((self->notes_dirty & (1u << field)) == 0)
        continue;

      text = buffer_text (note_view (self, field));
      if (g_strcmp0 (text, fascia_visit_get_field (self->visit, field) ?: "") != 0)
        {
          amended |= fascia_visit_is_locked (self->visit, NULL);
          if (!fascia_store_update_visit_field (self->store, fascia_visit_get_id (self->visit),
                                                field, text, &error))
            fascia_ui_show_error (GTK_WIDGET (self), _("Could not save the notes"), error);
          else
            fascia_visit_set_field (self->visit, field, text);
          g_clear_error (&error);
        }
    }
  self->notes_dirty = 0;

  g_hash_table_iter_init (&iter, self->dirty_marks);
  while (g_hash_table_iter_next (&iter, &mark, NULL))
    {
      if (!fascia_store_update_pain_mark (self->store, mark, &error))
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not save the pain mark"), error);
      g_clear_error (&error);
      g_hash_table_iter_remove (&iter);
    }

  if (amended)
    update_amendments (self);

  return G_SOURCE_REMOVE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  FasciaVisitEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (FasciaVisitEditor *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (FASCIA_SAVE_DELAY_MS, save_timeout_cb, self);
}

void
fascia_visit_editor_flush (FasciaVisitEditor *self)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  if (self->save_source != 0)
    save_now (self);
}

static void
update_heading (FasciaVisitEditor *self)
{
  g_autofree char *date = NULL;

  if (self->visit == NULL)
    return;

  date = fascia_ui_format_date (fascia_visit_get_visited_at (self->visit));
  gtk_label_set_label (self->heading_label, date);
}

static void
field_changed_cb (FasciaVisitEditor *self)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->loading || self->visit == NULL)
    return;

  date = fascia_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));
  if (date != NULL)
    fascia_visit_set_visited_at (self->visit, date);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row),
                               date == NULL ? _("Type the date as YYYY-MM-DD") : NULL);
  fascia_visit_set_pain_before (self->visit, fascia_pain_scale_get_value (self->pain_before_scale));
  fascia_visit_set_pain_after (self->visit, fascia_pain_scale_get_value (self->pain_after_scale));
  update_heading (self);

  self->visit_dirty = TRUE;
  schedule_save (self);
}

/* Before the lock, notes save after a pause like everything else. Once locked, each save is
 * an amendment, so they wait until the therapist leaves the field. */
static void
note_changed_cb (GtkTextBuffer     *buffer,
                 FasciaVisitEditor *self)
{
  FasciaVisitField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "field"));

  if (self->loading || self->visit == NULL)
    return;

  self->notes_dirty |= 1u << field;
  if (!fascia_visit_is_locked (self->visit, NULL))
    schedule_save (self);
}

static void
note_focus_leave_cb (GtkEventControllerFocus *controller,
                     FasciaVisitEditor       *self)
{
  if (self->notes_dirty != 0)
    save_now (self);
}

/* Pain marks */

static void
mark_intensity_cb (FasciaPainScale   *scale,
                   GParamSpec        *pspec,
                   FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (scale), "mark");
  int value = fascia_pain_scale_get_value (scale);

  if (value < 0)
    return;
  fascia_pain_mark_set_intensity (mark, value);
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  schedule_save (self);
}

static void
mark_type_cb (AdwComboRow       *row,
              GParamSpec        *pspec,
              FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (row), "mark");

  fascia_pain_mark_set_pain_type (mark, adw_combo_row_get_selected (row));
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  schedule_save (self);
}

static void
mark_note_cb (GtkEditable       *editable,
              FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (editable), "mark");

  fascia_pain_mark_set_note (mark, gtk_editable_get_text (editable));
  g_hash_table_add (self->dirty_marks, g_object_ref (mark));
  schedule_save (self);
}

static void
reload_marks (FasciaVisitEditor *self)
{
  g_autoptr(GError) error = NULL;

  fascia_visit_editor_flush (self);
  g_clear_object (&self->marks);
  if (self->visit != NULL && self->store != NULL)
    {
      self->marks = fascia_store_list_pain_marks (self->store, fascia_visit_get_id (self->visit),
                                                  &error);
      if (self->marks == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the body chart"), error);
    }

  rebuild_marks (self);
  update_diagram (self);
}

static void
delete_mark_clicked_cb (GtkButton         *button,
                        FasciaVisitEditor *self)
{
  FasciaPainMark *mark = g_object_get_data (G_OBJECT (button), "mark");
  g_autoptr(GError) error = NULL;
  gint64 id = fascia_pain_mark_get_id (mark);

  fascia_visit_editor_flush (self);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_PAIN_MARKS, id, &error))
    {
      fascia_ui_show_error (GTK_WIDGET (self), _("Could not remove the pain mark"), error);
      return;
    }

  fascia_ui_toast_deleted (GTK_WIDGET (self), _("Pain mark removed"),
                           FASCIA_STORE_TABLE_PAIN_MARKS, id);
  reload_marks (self);
}

static char *
mark_title (FasciaPainMark *mark)
{
  FasciaDiagram *diagram = NULL;
  const char *region_id = fascia_pain_mark_get_region_id (mark);
  FasciaAtlas *atlas = fascia_ui_get_atlas ();

  if (region_id != NULL && *region_id && atlas != NULL)
    {
      g_autoptr(GError) error = NULL;
      const FasciaRegion *region;

      diagram = fascia_diagram_new_for_view (atlas, fascia_pain_mark_get_view_id (mark), &error);
      region = diagram != NULL ? fascia_diagram_lookup_region (diagram, region_id) : NULL;
      if (region != NULL && region->kind != FASCIA_REGION_LANDMARK)
        {
          char *name = fascia_ui_muscle_name (region->atlas_id, region->side);

          g_object_unref (diagram);
          return name;
        }
      g_clear_object (&diagram);
      return g_strdup (region_id);
    }

  return g_strdup (_("Point on the body"));
}

static GtkWidget *
create_mark_row (FasciaVisitEditor *self,
                 FasciaPainMark    *mark)
{
  g_autofree char *title = mark_title (mark);
  g_autofree char *subtitle = g_strdup_printf (_("%u of 10 · %s"),
                                               fascia_pain_mark_get_intensity (mark),
                                               _(pain_type_labels[fascia_pain_mark_get_pain_type (mark)]));
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row, *scale, *button;

  for (guint i = 0; pain_type_labels[i] != NULL; i++)
    gtk_string_list_append (types, _(pain_type_labels[i]));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Pain Mark"));
  g_object_set_data (G_OBJECT (button), "mark", mark);
  g_signal_connect (button, "clicked", G_CALLBACK (delete_mark_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), button);

  row = gtk_list_box_row_new ();
  scale = fascia_pain_scale_new ();
  gtk_widget_set_margin_start (scale, 12);
  gtk_widget_set_margin_end (scale, 12);
  gtk_widget_set_margin_top (scale, 6);
  gtk_widget_set_margin_bottom (scale, 6);
  fascia_pain_scale_set_value (FASCIA_PAIN_SCALE (scale), fascia_pain_mark_get_intensity (mark));
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Intensity"), -1);
  g_object_set_data (G_OBJECT (scale), "mark", mark);
  g_signal_connect (scale, "notify::value", G_CALLBACK (mark_intensity_cb), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), scale);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kind of pain"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (types));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), fascia_pain_mark_get_pain_type (mark));
  g_object_set_data (G_OBJECT (row), "mark", mark);
  g_signal_connect (row, "notify::selected", G_CALLBACK (mark_type_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (row), fascia_pain_mark_get_note (mark) ?: "");
  g_object_set_data (G_OBJECT (row), "mark", mark);
  g_signal_connect (row, "changed", G_CALLBACK (mark_note_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return expander;
}

static void
rebuild_marks (FasciaVisitEditor *self)
{
  guint n = self->marks != NULL ? g_list_model_get_n_items (self->marks) : 0;
  GtkWidget *child;

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->mark_list, 0))) != NULL)
    gtk_list_box_remove (self->mark_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (self->marks, i);
      GtkWidget *row = create_mark_row (self, mark);

      /* The newest mark opens, ready for its intensity and kind. */
      if (i == n - 1 && !self->loading)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->mark_list, row);
    }
}

static void
style_marks (FasciaVisitEditor *self,
             GListModel        *marks,
             const char        *view_id,
             FasciaRegionStyle  style)
{
  guint n = marks != NULL ? g_list_model_get_n_items (marks) : 0;
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (marks, i);
      const char *region_id = fascia_pain_mark_get_region_id (mark);

      if (g_strcmp0 (fascia_pain_mark_get_view_id (mark), view_id) != 0)
        continue;

      if (region_id != NULL && *region_id)
        {
          if (fascia_diagram_lookup_region (diagram, region_id) != NULL)
            fascia_diagram_view_add_region_style (self->diagram_view, region_id, style);
        }
      else
        fascia_diagram_view_add_marker (self->diagram_view, fascia_pain_mark_get_x (mark),
                                        fascia_pain_mark_get_y (mark));
    }
}

static void
update_diagram (FasciaVisitEditor *self)
{
  const char *view_id = fascia_ui_get_dropdown_view (self->view_dropdown);

  if (fascia_diagram_view_get_diagram (self->diagram_view) == NULL)
    return;

  fascia_diagram_view_clear_region_styles (self->diagram_view,
                                           FASCIA_REGION_STYLE_PAIN | FASCIA_REGION_STYLE_SELECTED);
  fascia_diagram_view_clear_markers (self->diagram_view);
  if (gtk_toggle_button_get_active (self->compare_button))
    style_marks (self, self->earlier_marks, view_id, FASCIA_REGION_STYLE_SELECTED);
  style_marks (self, self->marks, view_id, FASCIA_REGION_STYLE_PAIN);
  fascia_diagram_view_styles_changed (self->diagram_view);
}

static gboolean
add_mark (FasciaVisitEditor *self,
          const char        *region_id,
          double             x,
          double             y)
{
  g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();
  g_autoptr(GError) error = NULL;
  int before = fascia_visit_get_pain_before (self->visit);

  fascia_visit_editor_flush (self);
  fascia_pain_mark_set_visit_id (mark, fascia_visit_get_id (self->visit));
  fascia_pain_mark_set_view_id (mark, fascia_ui_get_dropdown_view (self->view_dropdown));
  fascia_pain_mark_set_region_id (mark, region_id);
  fascia_pain_mark_set_x (mark, x);
  fascia_pain_mark_set_y (mark, y);
  fascia_pain_mark_set_intensity (mark, before >= 0 ? before : 5);
  fascia_pain_mark_set_pain_type (mark, FASCIA_PAIN_ACHE);
  if (!fascia_store_add_pain_mark (self->store, mark, &error))
    {
      fascia_ui_show_error (GTK_WIDGET (self), _("Could not mark the pain"), error);
      return FALSE;
    }

  reload_marks (self);
  return TRUE;
}

/**
 * fascia_visit_editor_mark_region:
 *
 * Marks pain on a region of the diagram shown, or takes the mark away if it has one.
 *
 * Returns: whether a mark was added.
 */
gboolean
fascia_visit_editor_mark_region (FasciaVisitEditor *self,
                                 const char        *region_id)
{
  FasciaDiagram *diagram;
  const FasciaRegion *region;
  guint n;

  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), FALSE);

  diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  if (self->visit == NULL || self->store == NULL || diagram == NULL)
    return FALSE;
  region = fascia_diagram_lookup_region (diagram, region_id);
  if (region == NULL)
    return FALSE;

  /* A second click on a marked region opens its mark rather than adding another. */
  n = self->marks != NULL ? g_list_model_get_n_items (self->marks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (self->marks, i);

      if (g_strcmp0 (fascia_pain_mark_get_region_id (mark), region_id) == 0)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->mark_list, i);

          if (ADW_IS_EXPANDER_ROW (row))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          return FALSE;
        }
    }

  return add_mark (self, region_id, region->x + region->width / 2,
                   region->y + region->height / 2);
}

gboolean
fascia_visit_editor_mark_point (FasciaVisitEditor *self,
                                double             x,
                                double             y)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), FALSE);

  if (self->visit == NULL || self->store == NULL)
    return FALSE;

  return add_mark (self, NULL, x, y);
}

GListModel *
fascia_visit_editor_get_marks (FasciaVisitEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return self->marks;
}

/* Findings */

static void
reload_findings (FasciaVisitEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->findings);
  if (self->visit != NULL && self->store != NULL)
    {
      self->findings = fascia_store_list_findings (self->store, fascia_visit_get_id (self->visit),
                                                   &error);
      if (self->findings == NULL)
        fascia_ui_show_error (GTK_WIDGET (self), _("Could not read the findings"), error);
    }

  rebuild_findings (self);
}

static void
set_finding (FasciaVisitEditor  *self,
             const char         *muscle_id,
             FasciaSide          side,
             FasciaFindingFlags  flags)
{
  g_autoptr(FasciaFinding) finding = NULL;
  g_autoptr(GError) error = NULL;

  finding = fascia_store_set_finding_flags (self->store, fascia_visit_get_id (self->visit),
                                            muscle_id, side, flags, &error);
  if (finding == NULL && error != NULL)
    fascia_ui_show_error (GTK_WIDGET (self), _("Could not save the finding"), error);

  reload_findings (self);
}

static FasciaFindingFlags
current_flags (FasciaVisitEditor *self,
               const char        *muscle_id,
               FasciaSide         side)
{
  guint n = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaFinding) finding = g_list_model_get_item (self->findings, i);

      if (g_strcmp0 (fascia_finding_get_muscle_id (finding), muscle_id) == 0
          && fascia_finding_get_side (finding) == side)
        return fascia_finding_get_flags (finding);
    }

  return FASCIA_FINDING_NONE;
}

static void
finding_toggled_cb (GtkToggleButton   *button,
                    FasciaVisitEditor *self)
{
  FasciaFinding *finding = g_object_get_data (G_OBJECT (button), "finding");
  FasciaFindingFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "flag"));
  FasciaFindingFlags flags = fascia_finding_get_flags (finding);
  g_autofree char *muscle_id = g_strdup (fascia_finding_get_muscle_id (finding));

  if (self->loading)
    return;

  flags = gtk_toggle_button_get_active (button) ? flags | flag : flags & ~flag;
  /* The rows are rebuilt from the store, which frees this button: do it after the click. */
  g_object_ref (finding);
  set_finding (self, muscle_id, fascia_finding_get_side (finding), flags);
  g_object_unref (finding);
}

static GtkWidget *
create_finding_row (FasciaVisitEditor *self,
                    FasciaFinding     *finding)
{
  g_autofree char *name = fascia_ui_muscle_name (fascia_finding_get_muscle_id (finding),
                                                 fascia_finding_get_side (finding));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (guint i = 0; i < G_N_ELEMENTS (finding_tools); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(finding_tools[i].label));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    fascia_finding_get_flags (finding) & finding_tools[i].flag);
      gtk_widget_add_css_class (button, "small-toggle");
      g_object_set_data_full (G_OBJECT (button), "finding", g_object_ref (finding), g_object_unref);
      g_object_set_data (G_OBJECT (button), "flag", GUINT_TO_POINTER (finding_tools[i].flag));
      g_signal_connect (button, "toggled", G_CALLBACK (finding_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

static gboolean
rebuild_findings_idle_cb (gpointer user_data)
{
  FasciaVisitEditor *self = user_data;
  guint n = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
  GtkWidget *child;

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->finding_list, 0))) != NULL)
    gtk_list_box_remove (self->finding_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaFinding) finding = g_list_model_get_item (self->findings, i);

      if (fascia_finding_get_flags (finding) != FASCIA_FINDING_NONE)
        gtk_list_box_append (self->finding_list, create_finding_row (self, finding));
    }

  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
rebuild_findings (FasciaVisitEditor *self)
{
  /* A toggle in a row may have asked for this; let its handler return first. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_findings_idle_cb, g_object_ref (self), NULL);
}

static gboolean
toggle_finding_on_region (FasciaVisitEditor *self,
                          const char        *region_id)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  const char *muscle_id;
  FasciaSide side;

  if (!fascia_ui_region_muscle (diagram, region_id, &muscle_id, &side))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (finding_tools); i++)
    if (g_strcmp0 (self->tool, finding_tools[i].tool) == 0)
      {
        FasciaFindingFlags flags = current_flags (self, muscle_id, side) ^ finding_tools[i].flag;

        set_finding (self, muscle_id, side, flags);
        return TRUE;
      }

  return FALSE;
}

/* The diagram */

static void
region_activated_cb (FasciaVisitEditor *self,
                     const char        *region_id,
                     FasciaDiagramView *view)
{
  if (self->visit == NULL)
    return;

  if (g_strcmp0 (self->tool, "pain") == 0)
    fascia_visit_editor_mark_region (self, region_id);
  else
    toggle_finding_on_region (self, region_id);
}

/* Every click comes here first; a click on a region is left to region-activated. */
static void
point_activated_cb (FasciaVisitEditor *self,
                    double             x,
                    double             y,
                    FasciaDiagramView *view)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  double width, height;

  if (self->visit == NULL || diagram == NULL || g_strcmp0 (self->tool, "pain") != 0)
    return;
  if (fascia_diagram_hit_test (diagram, x, y) != NULL)
    return;

  fascia_diagram_get_size (diagram, &width, &height);
  if (x < 0 || y < 0 || x > width || y > height)
    return;

  fascia_visit_editor_mark_point (self, x, y);
}

static void
load_view (FasciaVisitEditor *self,
           const char        *view_id)
{
  FasciaAtlas *atlas = fascia_ui_get_atlas ();
  g_autoptr(FasciaDiagram) diagram = NULL;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL || view_id == NULL)
    return;

  diagram = fascia_diagram_new_for_view (atlas, view_id, &error);
  if (diagram == NULL)
    {
      fascia_ui_show_error (GTK_WIDGET (self), _("Could not show the diagram"), error);
      return;
    }

  fascia_diagram_view_set_diagram (self->diagram_view, diagram);
  update_diagram (self);
}

static void
view_selected_cb (FasciaVisitEditor *self)
{
  if (self->loading)
    return;

  load_view (self, fascia_ui_get_dropdown_view (self->view_dropdown));
}

static void
compare_toggled_cb (FasciaVisitEditor *self)
{
  update_diagram (self);
}

/* Treated targets */

static void
treated_toggled_cb (GtkCheckButton    *check,
                    FasciaVisitEditor *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  if (self->loading || self->visit == NULL)
    return;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->treated_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (child), "check");

      if (button != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (button)))
        {
          gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (child), "target-id");

          g_array_append_val (ids, id);
        }
    }

  fascia_visit_set_treated_target_ids (self->visit, (gint64 *) ids->data, ids->len);
  self->visit_dirty = TRUE;
  schedule_save (self);
}

static void
rebuild_treated (FasciaVisitEditor *self)
{
  g_autoptr(GListModel) targets = NULL;
  GtkWidget *child;
  const gint64 *treated = NULL;
  gsize n_treated = 0;
  gint64 plan_id;

  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->treated_list, 0))) != NULL)
    gtk_list_box_remove (self->treated_list, child);

  if (self->visit == NULL || self->store == NULL)
    return;

  plan_id = fascia_visit_get_plan_id (self->visit);
  if (plan_id == 0)
    return;

  targets = fascia_store_list_plan_targets (self->store, plan_id, NULL);
  treated = fascia_visit_get_treated_target_ids (self->visit, &n_treated);

  for (guint i = 0; targets != NULL && i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(FasciaPlanTarget) target = g_list_model_get_item (targets, i);
      g_autofree char *name = fascia_ui_muscle_name (fascia_plan_target_get_muscle_id (target),
                                                     fascia_plan_target_get_side (target));
      gint64 id = fascia_plan_target_get_id (target);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean active = FALSE;

      for (gsize k = 0; k < n_treated; k++)
        active |= treated[k] == id;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      g_signal_connect (check, "toggled", G_CALLBACK (treated_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data_full (G_OBJECT (row), "target-id", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (self->treated_list, row);
    }
}

/* The visit */

static void
load_earlier_marks (FasciaVisitEditor *self)
{
  g_autoptr(GListModel) visits = NULL;
  GDateTime *date;

  g_clear_object (&self->earlier_marks);
  if (self->visit == NULL || self->store == NULL)
    return;

  /* The latest visit before this one that has marks. */
  date = fascia_visit_get_visited_at (self->visit);
  visits = fascia_store_list_visits (self->store, fascia_visit_get_client_id (self->visit), NULL);
  for (guint i = 0; visits != NULL && i < g_list_model_get_n_items (visits); i++)
    {
      g_autoptr(FasciaVisit) other = g_list_model_get_item (visits, i);
      g_autoptr(GListModel) marks = NULL;

      if (fascia_visit_get_id (other) == fascia_visit_get_id (self->visit))
        continue;
      if (date != NULL && g_date_time_compare (fascia_visit_get_visited_at (other), date) > 0)
        continue;

      marks = fascia_store_list_pain_marks (self->store, fascia_visit_get_id (other), NULL);
      if (marks != NULL && g_list_model_get_n_items (marks) > 0)
        {
          self->earlier_marks = g_steal_pointer (&marks);
          break;
        }
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), self->earlier_marks != NULL);
}

void
fascia_visit_editor_reload (FasciaVisitEditor *self)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  if (self->visit == NULL)
    return;

  reload_marks (self);
  reload_findings (self);
}

void
fascia_visit_editor_set_store (FasciaVisitEditor *self,
                               FasciaStore       *store)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  fascia_visit_editor_set_visit (self, NULL);
  g_set_object (&self->store, store);
}

void
fascia_visit_editor_set_client (FasciaVisitEditor *self,
                                FasciaClient      *client)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  g_set_object (&self->client, client);
}

void
fascia_visit_editor_set_plans (FasciaVisitEditor *self,
                               GListModel        *plans)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));

  g_set_object (&self->plans, plans);
}

FasciaVisit *
fascia_visit_editor_get_visit (FasciaVisitEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return self->visit;
}

void
fascia_visit_editor_set_visit (FasciaVisitEditor *self,
                               FasciaVisit       *visit)
{
  g_return_if_fail (FASCIA_IS_VISIT_EDITOR (self));
  g_return_if_fail (visit == NULL || FASCIA_IS_VISIT (visit));

  if (self->visit == visit)
    return;

  fascia_visit_editor_flush (self);
  g_set_object (&self->visit, visit);

  self->loading = TRUE;
  if (visit != NULL)
    {
      g_autofree char *date = fascia_ui_format_iso_date (fascia_visit_get_visited_at (visit));

      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      fascia_pain_scale_set_value (self->pain_before_scale, fascia_visit_get_pain_before (visit));
      fascia_pain_scale_set_value (self->pain_after_scale, fascia_visit_get_pain_after (visit));
      for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
           field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view (self, field)),
                                  fascia_visit_get_field (visit, field) ?: "", -1);
      gtk_toggle_button_set_active (self->compare_button, FALSE);

      if (fascia_diagram_view_get_diagram (self->diagram_view) == NULL)
        {
          fascia_ui_fill_view_dropdown (self->view_dropdown, "posterior-superficial");
          load_view (self, fascia_ui_get_dropdown_view (self->view_dropdown));
        }
    }
  self->notes_dirty = 0;
  self->visit_dirty = FALSE;

  load_earlier_marks (self);
  reload_marks (self);
  reload_findings (self);
  rebuild_treated (self);
  update_amendments (self);
  update_heading (self);
  self->loading = FALSE;
}

FasciaPainScale *
fascia_visit_editor_get_pain_scale (FasciaVisitEditor *self,
                                    gboolean           after)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return after ? self->pain_after_scale : self->pain_before_scale;
}

FasciaDiagramView *
fascia_visit_editor_get_diagram_view (FasciaVisitEditor *self)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), NULL);

  return self->diagram_view;
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (widget);

  fascia_visit_editor_flush (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->visit == NULL)
    return;

  fascia_visit_editor_flush (self);
  id = fascia_visit_get_id (self->visit);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_VISITS, id, &error))
    {
      fascia_ui_show_error (widget, _("Could not delete the visit"), error);
      return;
    }

  fascia_ui_toast_deleted (widget, _("Visit deleted"), FASCIA_STORE_TABLE_VISITS, id);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
fascia_visit_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_visit_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      if (g_strcmp0 (self->tool, g_value_get_string (value)) != 0)
        {
          g_free (self->tool);
          self->tool = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_visit_editor_dispose (GObject *object)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  if (self->save_source != 0)
    save_now (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), FASCIA_TYPE_VISIT_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->plans);
  g_clear_object (&self->visit);
  g_clear_object (&self->marks);
  g_clear_object (&self->earlier_marks);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (fascia_visit_editor_parent_class)->dispose (object);
}

static void
fascia_visit_editor_finalize (GObject *object)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (object);

  g_clear_pointer (&self->dirty_marks, g_hash_table_unref);
  g_clear_pointer (&self->tool, g_free);

  G_OBJECT_CLASS (fascia_visit_editor_parent_class)->finalize (object);
}

static void
fascia_visit_editor_class_init (FasciaVisitEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_visit_editor_get_property;
  object_class->set_property = fascia_visit_editor_set_property;
  object_class->dispose = fascia_visit_editor_dispose;
  object_class->finalize = fascia_visit_editor_finalize;

  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "pain",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (FASCIA_TYPE_DIAGRAM_VIEW);
  g_type_ensure (FASCIA_TYPE_PAIN_SCALE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/fascia-visit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, lock_label);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, compare_button);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, diagram_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, pain_before_scale);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, pain_after_scale);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, mark_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, finding_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, treated_list);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, subjective_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, objective_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, assessment_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, plan_notes_view);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, subjective_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, objective_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, assessment_amendments);
  gtk_widget_class_bind_template_child (widget_class, FasciaVisitEditor, plan_notes_amendments);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_toggled_cb);

  gtk_widget_class_install_property_action (widget_class, "visit.tool", "tool");
  gtk_widget_class_install_action (widget_class, "visit.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "visit.close", NULL);
  gtk_widget_class_install_action (widget_class, "visit.delete", NULL, delete_action);

  /* The diagram's tool from the keyboard: Alt and the tool's initial. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_ALT_MASK,
                                       "visit.tool", "s", "pain");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_ALT_MASK,
                                       "visit.tool", "s", "hypertonic");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_ALT_MASK,
                                       "visit.tool", "s", "trigger-point");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_ALT_MASK,
                                       "visit.tool", "s", "tender");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK,
                                       "visit.tool", "s", "short");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK,
                                       "visit.tool", "s", "weak");
}

static void
fascia_visit_editor_init (FasciaVisitEditor *self)
{
  self->tool = g_strdup ("pain");
  self->dirty_marks = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (FasciaVisitField field = FASCIA_VISIT_FIELD_SUBJECTIVE;
       field <= FASCIA_VISIT_FIELD_PLAN_NOTES; field++)
    {
      GtkTextView *view = note_view (self, field);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_object_set_data (G_OBJECT (buffer), "field", GUINT_TO_POINTER (field));
      g_signal_connect (buffer, "changed", G_CALLBACK (note_changed_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (note_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (view), focus);
    }

  g_signal_connect_object (self->diagram_view, "region-activated",
                           G_CALLBACK (region_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->diagram_view, "point-activated",
                           G_CALLBACK (point_activated_cb), self, G_CONNECT_SWAPPED);
}

/* fascia-pain-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-pain-scale"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-pain-scale.h"

/*
 * A 0–10 pain score in one click: eleven linked toggle buttons. Clicking the chosen score
 * again clears it (-1, "not recorded"). The digits 0–9 pick a score from the keyboard while
 * the scale has focus, and the arrows move between the buttons as in any linked group. The
 * scale is one Tab stop, as a group of radio buttons is: Tab enters it on the score chosen (on 0
 * when there is none) and leaves it from any button.
 */

struct _FasciaPainScale
{
  GtkWidget        parent_instance;

  /* Owned (children) */
  GtkToggleButton *buttons[11];

  int              value;
  gboolean         updating;
};

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FasciaPainScale, fascia_pain_scale, GTK_TYPE_WIDGET)

GtkWidget *
fascia_pain_scale_new (void)
{
  return g_object_new (FASCIA_TYPE_PAIN_SCALE, NULL);
}

int
fascia_pain_scale_get_value (FasciaPainScale *self)
{
  g_return_val_if_fail (FASCIA_IS_PAIN_SCALE (self), -1);

  return self->value;
}

/**
 * fascia_pain_scale_set_value:
 * @value: 0–10, or -1 for none
 */
void
fascia_pain_scale_set_value (FasciaPainScale *self,
                             int              value)
{
  g_return_if_fail (FASCIA_IS_PAIN_SCALE (self));
  g_return_if_fail (value >= -1 && value <= 10);

  if (self->value == value)
    return;

  self->value = value;
  self->updating = TRUE;
  for (int i = 0; i <= 10; i++)
    gtk_toggle_button_set_active (self->buttons[i], i == value);
  self->updating = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
button_toggled_cb (FasciaPainScale *self,
                   GtkToggleButton *button)
{
  int score = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "score"));

  if (self->updating)
    return;

  if (gtk_toggle_button_get_active (button))
    fascia_pain_scale_set_value (self, score);
  else if (self->value == score)
    fascia_pain_scale_set_value (self, -1);
}

static gboolean
key_pressed_cb (FasciaPainScale       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    {
      fascia_pain_scale_set_value (self, keyval - GDK_KEY_0);
      gtk_widget_grab_focus (GTK_WIDGET (self->buttons[self->value]));
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    {
      fascia_pain_scale_set_value (self, keyval - GDK_KEY_KP_0);
      gtk_widget_grab_focus (GTK_WIDGET (self->buttons[self->value]));
      return TRUE;
    }
  if (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete)
    {
      fascia_pain_scale_set_value (self, -1);
      return TRUE;
    }

  return FALSE;
}

static gboolean
fascia_pain_scale_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  FasciaPainScale *self = FASCIA_PAIN_SCALE (widget);

  if (gtk_widget_get_focus_child (widget) == NULL)
    return gtk_widget_child_focus (GTK_WIDGET (self->buttons[MAX (self->value, 0)]), direction);

  if (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD)
    return FALSE;

  return GTK_WIDGET_CLASS (fascia_pain_scale_parent_class)->focus (widget, direction);
}

static void
fascia_pain_scale_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FasciaPainScale *self = FASCIA_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_pain_scale_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FasciaPainScale *self = FASCIA_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      fascia_pain_scale_set_value (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_pain_scale_dispose (GObject *object)
{
  FasciaPainScale *self = FASCIA_PAIN_SCALE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  memset (self->buttons, 0, sizeof self->buttons);

  G_OBJECT_CLASS (fascia_pain_scale_parent_class)->dispose (object);
}

static void
fascia_pain_scale_class_init (FasciaPainScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_pain_scale_get_property;
  object_class->set_property = fascia_pain_scale_set_property;
  object_class->dispose = fascia_pain_scale_dispose;

  widget_class->focus = fascia_pain_scale_focus;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, -1, 10, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "painscale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fascia_pain_scale_init (FasciaPainScale *self)
{
  GtkEventController *keys;

  self->value = -1;
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");

  for (int i = 0; i <= 10; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);
      g_autofree char *name = g_strdup_printf (_("Pain %d of 10"), i);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "score", GINT_TO_POINTER (i));
      gtk_widget_add_css_class (button, "pain-score");
      gtk_widget_add_css_class (button, i <= 3 ? "pain-low" : i <= 6 ? "pain-mid" : "pain-high");
      gtk_widget_set_hexpand (button, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (button_toggled_cb), self);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      self->buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

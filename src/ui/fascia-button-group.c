/* fascia-button-group.c — buttons that are one Tab stop, the arrow keys going from one to the
 * next, as a group of radio buttons or a tool bar is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-button-group"

#include "config.h"

#include "fascia-button-group.h"

/*
 * The group holds one child that lays the buttons out (a flow box, which puts them on more
 * lines in a narrow pane) and takes the keyboard focus for them: Tab enters the group on one
 * button and leaves it from any, Left and Right (Up and Down for a radio group) go to the
 * previous and next button, Home and End to the first and last. In a radio group the button
 * that is on takes the focus, and the arrows turn on the button they go to, wrapping round at
 * the ends, as in any toolkit's radio group; its toggle buttons are read as radio buttons,
 * checked when on. Otherwise the group is entered on the button last focused in it.
 *
 * GTK 4.8's flow box takes Tab from button to button, and hands it to a child that cannot take
 * it and keeps it there, so the group decides where the focus goes, not the flow box.
 */

struct _FasciaButtonGroup
{
  GtkWidget  parent_instance;

  /* Owned (child) */
  GtkWidget *child;

  /* Borrowed */
  GtkWidget *last;      /* the button last focused in the group, weak */
  GtkRoot   *root;
  gulong     focus_id;

  gboolean   radio;
};

enum {
  PROP_0,
  PROP_CHILD,
  PROP_RADIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fascia_button_group_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FasciaButtonGroup, fascia_button_group, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      fascia_button_group_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/**
 * fascia_button_group_new:
 * @child: (nullable): what lays the buttons out
 * @radio: whether the buttons are toggle buttons of which one is on
 */
GtkWidget *
fascia_button_group_new (GtkWidget *child,
                         gboolean   radio)
{
  return g_object_new (FASCIA_TYPE_BUTTON_GROUP, "child", child, "radio", radio, NULL);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_BUTTON (child))
        {
          if (gtk_widget_is_sensitive (child))
            g_ptr_array_add (buttons, child);
          continue;
        }
      collect_buttons (child, buttons);
    }
}

/* The buttons that can take the focus, in their order. */
static GPtrArray *
list_buttons (FasciaButtonGroup *self)
{
  GPtrArray *buttons = g_ptr_array_new ();

  if (self->child != NULL)
    collect_buttons (self->child, buttons);
  return buttons;
}

static gboolean
is_on (GtkWidget *button)
{
  return GTK_IS_TOGGLE_BUTTON (button)
         && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

/* Where the focus enters the group: the button on in a radio group, else the last focused. */
static GtkWidget *
entry_button (FasciaButtonGroup *self)
{
  g_autoptr(GPtrArray) buttons = list_buttons (self);

  if (buttons->len == 0)
    return NULL;
  for (guint i = 0; i < buttons->len; i++)
    if (self->radio ? is_on (buttons->pdata[i]) : buttons->pdata[i] == self->last)
      return buttons->pdata[i];
  return buttons->pdata[0];
}

static void
set_last (FasciaButtonGroup *self,
          GtkWidget         *button)
{
  if (self->last == button)
    return;
  if (self->last != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last), (gpointer *) &self->last);
  self->last = button;
  if (self->last != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->last), (gpointer *) &self->last);
}

/* Moves the focus @delta buttons on from the one focused, or to the first (@delta
 * G_MININT) or last (G_MAXINT). */
static gboolean
move (FasciaButtonGroup *self,
      int                delta)
{
  g_autoptr(GPtrArray) buttons = list_buttons (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *target;
  int at = -1, to;

  if (buttons->len == 0)
    return FALSE;
  for (guint i = 0; i < buttons->len; i++)
    if (focus != NULL && (focus == buttons->pdata[i]
                          || gtk_widget_is_ancestor (focus, buttons->pdata[i])))
      at = i;

  if (delta == G_MININT)
    to = 0;
  else if (delta == G_MAXINT)
    to = buttons->len - 1;
  else if (at < 0)
    to = 0;
  else if (self->radio)
    to = ((at + delta) % (int) buttons->len + buttons->len) % buttons->len;
  else
    to = CLAMP (at + delta, 0, (int) buttons->len - 1);

  target = buttons->pdata[to];
  gtk_widget_grab_focus (target);
  set_last (self, target);
  /* A radio button is chosen as it is reached, at once: gtk_widget_activate() shows the
   * button pressed and clicks it a quarter of a second later. */
  if (self->radio && !is_on (target))
    g_signal_emit_by_name (target, "clicked");
  return TRUE;
}

static gboolean
key_pressed_cb (FasciaButtonGroup     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return move (self, rtl ? 1 : -1);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return move (self, rtl ? -1 : 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return self->radio && move (self, -1);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return self->radio && move (self, 1);
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return move (self, G_MININT);
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return move (self, G_MAXINT);
    default:
      return FALSE;
    }
}

static gboolean
fascia_button_group_focus (GtkWidget        *widget,
                           GtkDirectionType  direction)
{
  FasciaButtonGroup *self = FASCIA_BUTTON_GROUP (widget);
  GtkWidget *button;

  /* Inside, the keys above move the focus; Tab and the window's own arrows leave. */
  if (gtk_widget_get_focus_child (widget) != NULL)
    return FALSE;

  button = entry_button (self);
  if (button == NULL || !gtk_widget_grab_focus (button))
    return FALSE;
  set_last (self, button);
  return TRUE;
}

static gboolean
fascia_button_group_grab_focus (GtkWidget *widget)
{
  return fascia_button_group_focus (widget, GTK_DIR_TAB_FORWARD);
}

/* A button focused with the pointer is where Tab comes back to. */
static void
focus_widget_cb (FasciaButtonGroup *self)
{
  GtkWidget *focus = gtk_root_get_focus (self->root);

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w) && gtk_widget_is_ancestor (w, GTK_WIDGET (self)))
      {
        set_last (self, w);
        return;
      }
}

static void watch_radios (FasciaButtonGroup *self);

static void
fascia_button_group_root (GtkWidget *widget)
{
  FasciaButtonGroup *self = FASCIA_BUTTON_GROUP (widget);

  GTK_WIDGET_CLASS (fascia_button_group_parent_class)->root (widget);

  /* A template's child is given to the group before its own buttons are in it. */
  watch_radios (self);

  self->root = gtk_widget_get_root (widget);
  self->focus_id = g_signal_connect_swapped (self->root, "notify::focus-widget",
                                             G_CALLBACK (focus_widget_cb), self);
}

static void
fascia_button_group_unroot (GtkWidget *widget)
{
  FasciaButtonGroup *self = FASCIA_BUTTON_GROUP (widget);

  g_clear_signal_handler (&self->focus_id, self->root);
  self->root = NULL;

  GTK_WIDGET_CLASS (fascia_button_group_parent_class)->unroot (widget);
}

/* A radio group's toggle buttons say whether they are on as radio buttons do. */
static void
toggled_cb (GtkToggleButton *button)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (button), -1);
}

static void
watch_radios (FasciaButtonGroup *self)
{
  g_autoptr(GPtrArray) buttons = list_buttons (self);

  if (!self->radio)
    return;
  for (guint i = 0; i < buttons->len; i++)
    if (GTK_IS_TOGGLE_BUTTON (buttons->pdata[i])
        && g_signal_handler_find (buttons->pdata[i], G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                  toggled_cb, NULL) == 0)
      {
        g_signal_connect (buttons->pdata[i], "toggled", G_CALLBACK (toggled_cb), NULL);
        toggled_cb (buttons->pdata[i]);
      }
}

GtkWidget *
fascia_button_group_get_child (FasciaButtonGroup *self)
{
  g_return_val_if_fail (FASCIA_IS_BUTTON_GROUP (self), NULL);

  return self->child;
}

/**
 * fascia_button_group_set_child:
 * @child: (nullable): what lays the buttons out, with its buttons in
 */
void
fascia_button_group_set_child (FasciaButtonGroup *self,
                               GtkWidget         *child)
{
  g_return_if_fail (FASCIA_IS_BUTTON_GROUP (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  set_last (self, NULL);
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
      watch_radios (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

gboolean
fascia_button_group_get_radio (FasciaButtonGroup *self)
{
  g_return_val_if_fail (FASCIA_IS_BUTTON_GROUP (self), FALSE);

  return self->radio;
}

void
fascia_button_group_set_radio (FasciaButtonGroup *self,
                               gboolean           radio)
{
  g_return_if_fail (FASCIA_IS_BUTTON_GROUP (self));

  radio = !!radio;
  if (self->radio == radio)
    return;

  self->radio = radio;
  watch_radios (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RADIO]);
}

static void
fascia_button_group_buildable_add_child (GtkBuildable *buildable,
                                         GtkBuilder   *builder,
                                         GObject      *child,
                                         const char   *type)
{
  if (GTK_IS_WIDGET (child))
    fascia_button_group_set_child (FASCIA_BUTTON_GROUP (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
fascia_button_group_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = fascia_button_group_buildable_add_child;
}

static void
fascia_button_group_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FasciaButtonGroup *self = FASCIA_BUTTON_GROUP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_RADIO:
      g_value_set_boolean (value, self->radio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_button_group_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FasciaButtonGroup *self = FASCIA_BUTTON_GROUP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      fascia_button_group_set_child (self, g_value_get_object (value));
      break;
    case PROP_RADIO:
      fascia_button_group_set_radio (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fascia_button_group_dispose (GObject *object)
{
  FasciaButtonGroup *self = FASCIA_BUTTON_GROUP (object);

  set_last (self, NULL);
  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (fascia_button_group_parent_class)->dispose (object);
}

static void
fascia_button_group_class_init (FasciaButtonGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = fascia_button_group_get_property;
  object_class->set_property = fascia_button_group_set_property;
  object_class->dispose = fascia_button_group_dispose;

  widget_class->focus = fascia_button_group_focus;
  widget_class->grab_focus = fascia_button_group_grab_focus;
  widget_class->root = fascia_button_group_root;
  widget_class->unroot = fascia_button_group_unroot;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RADIO] =
    g_param_spec_boolean ("radio", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "buttongroup");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
fascia_button_group_init (FasciaButtonGroup *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Before the flow box's own arrow keys, which move a cursor among its children. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ow-error.h"

G_DEFINE_QUARK (ow-input-error-quark, ow_input_error)
G_DEFINE_QUARK (ow-store-error-quark, ow_store_error)
G_DEFINE_QUARK (ow-policy-error-quark, ow_policy_error)
G_DEFINE_QUARK (ow-tracking-error-quark, ow_tracking_error)

char *
ow_describe_file_error (const GError *error,
                        gboolean      writing)
{
  g_return_val_if_fail (error != NULL, NULL);

  g_debug ("File error: %s", error->message);
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        return g_strdup (writing ? _("The folder does not exist any more. Pick another one.")
                                 : _("The file does not exist any more. Pick it again."));
      case G_IO_ERROR_PERMISSION_DENIED:
        return g_strdup (writing ? _("You may not save files in that folder. Pick another "
                                     "one, such as your Documents folder.")
                                 : _("You may not read that file. Copy it somewhere you own, "
                                     "such as your Documents folder, and try again."));
      case G_IO_ERROR_NO_SPACE:
        return g_strdup (_("The disk is full. Free some space or pick another disk, then try "
                           "again."));
      case G_IO_ERROR_READ_ONLY:
        return g_strdup (_("That disk is read-only. Pick a folder on another disk."));
      case G_IO_ERROR_IS_DIRECTORY:
        return g_strdup (_("That is a folder, not a file. Pick a file."));
      case G_IO_ERROR_FILENAME_TOO_LONG:
      case G_IO_ERROR_INVALID_FILENAME:
        return g_strdup (_("The file name is not allowed there. Pick a shorter name without "
                           "special characters."));
      case G_IO_ERROR_NOT_MOUNTED:
      case G_IO_ERROR_HOST_NOT_FOUND:
        return g_strdup (_("The place it is on is not connected. Connect it, or pick "
                           "another place."));
      default:
        break;
      }
  return g_strdup (writing ? _("The file could not be written. Pick another folder and try "
                               "again.")
                           : _("The file could not be read. Check that it is there and "
                               "try again."));
}

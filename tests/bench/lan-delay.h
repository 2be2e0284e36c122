/* lan-delay.h — a clinic's LAN between the benchmark and its PostgreSQL server.
 *
 * The test server listens on a Unix socket only. lan_delay_start() listens on a TCP port of
 * 127.0.0.1 and relays each connection made to it to that socket, holding every chunk of
 * bytes, each way, for half the round trip asked for before passing it on: what a network
 * adds to each round trip, bandwidth aside. Bytes keep their order, and a chunk is sent at
 * its time however many wait behind it, as a wire does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Starts relaying to the server's socket at @unix_socket_path with @round_trip_us of delay
 * (the sum of both ways) and returns the TCP port it listens on, on 127.0.0.1. The relay runs
 * in threads of its own until the program ends. */
guint16 lan_delay_start (const char *unix_socket_path,
                         guint       round_trip_us,
                         GError    **error);

#!/usr/bin/python3
# fake-notifyd.py — a notification server for tests: org.freedesktop.Notifications on the
# session bus, recording every call.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: fake-notifyd.py LOG
#
# Appends one JSON object a line to LOG:
#   {"method": "Notify", "id", "app_name", "replaces_id", "summary", "body", "actions",
#    "hints": {"desktop-entry", "urgency", ...}, "timestamp"}
#   {"method": "CloseNotification", "id", "timestamp"}
# and prints "READY" on stdout once it owns the name (it exits if the name is taken).
#
# A test makes it press a button with its own method on the same object:
#   gdbus call --session --dest org.freedesktop.Notifications \
#     --object-path /org/freedesktop/Notifications \
#     --method io.github.rapportjournal.FakeNotifications.InvokeAction ID ACTION_KEY
# which emits ActionInvoked(ID, ACTION_KEY), as a click on that button would.

import json
import signal
import sys
import time

from gi.repository import Gio, GLib

NAME = 'org.freedesktop.Notifications'
PATH = '/org/freedesktop/Notifications'
INTERFACE = 'org.freedesktop.Notifications'
CONTROL_INTERFACE = 'io.github.rapportjournal.FakeNotifications'

INTROSPECTION = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities">
      <arg direction="out" type="as" name="capabilities"/>
    </method>
    <method name="GetServerInformation">
      <arg direction="out" type="s" name="name"/>
      <arg direction="out" type="s" name="vendor"/>
      <arg direction="out" type="s" name="version"/>
      <arg direction="out" type="s" name="spec_version"/>
    </method>
    <method name="Notify">
      <arg direction="in" type="s" name="app_name"/>
      <arg direction="in" type="u" name="replaces_id"/>
      <arg direction="in" type="s" name="app_icon"/>
      <arg direction="in" type="s" name="summary"/>
      <arg direction="in" type="s" name="body"/>
      <arg direction="in" type="as" name="actions"/>
      <arg direction="in" type="a{sv}" name="hints"/>
      <arg direction="in" type="i" name="expire_timeout"/>
      <arg direction="out" type="u" name="id"/>
    </method>
    <method name="CloseNotification">
      <arg direction="in" type="u" name="id"/>
    </method>
    <signal name="NotificationClosed">
      <arg type="u" name="id"/>
      <arg type="u" name="reason"/>
    </signal>
    <signal name="ActionInvoked">
      <arg type="u" name="id"/>
      <arg type="s" name="action_key"/>
    </signal>
  </interface>
  <interface name="io.github.rapportjournal.FakeNotifications">
    <method name="InvokeAction">
      <arg direction="in" type="u" name="id"/>
      <arg direction="in" type="s" name="action_key"/>
    </method>
  </interface>
</node>
'''

# The spec's reason for "closed by a call to CloseNotification".
CLOSED_BY_CALL = 3


class Server:
    def __init__(self, log_path):
        self.log_path = log_path
        self.next_id = 1
        self.open_ids = set()
        self.connection = None
        self.loop = GLib.MainLoop()

    def record(self, entry):
        entry['timestamp'] = time.time()
        with open(self.log_path, 'a', encoding='utf-8') as log:
            log.write(json.dumps(entry, ensure_ascii=False, default=str) + '\n')

    def emit(self, name, parameters):
        self.connection.emit_signal(None, PATH, INTERFACE, name, parameters)

    def method_call(self, connection, sender, path, interface, method, parameters, invocation):
        if interface == INTERFACE and method == 'GetCapabilities':
            invocation.return_value(GLib.Variant('(as)', (['actions', 'body', 'persistence'],)))
        elif interface == INTERFACE and method == 'GetServerInformation':
            invocation.return_value(GLib.Variant('(ssss)',
                                                 ('fake-notifyd', 'Rapport tests', '1', '1.2')))
        elif interface == INTERFACE and method == 'Notify':
            app_name, replaces_id, _icon, summary, body, actions, hints, _timeout = \
                parameters.unpack()
            if replaces_id and replaces_id in self.open_ids:
                notification_id = replaces_id
            else:
                notification_id = self.next_id
                self.next_id += 1
            self.open_ids.add(notification_id)
            self.record({
                'method': 'Notify',
                'id': notification_id,
                'app_name': app_name,
                'replaces_id': replaces_id,
                'summary': summary,
                'body': body,
                'actions': list(actions),
                'hints': {key: value for key, value in hints.items()
                          if isinstance(value, (str, int, float, bool))},
            })
            invocation.return_value(GLib.Variant('(u)', (notification_id,)))
        elif interface == INTERFACE and method == 'CloseNotification':
            (notification_id,) = parameters.unpack()
            self.record({'method': 'CloseNotification', 'id': notification_id})
            invocation.return_value(None)
            if notification_id in self.open_ids:
                self.open_ids.discard(notification_id)
                self.emit('NotificationClosed',
                          GLib.Variant('(uu)', (notification_id, CLOSED_BY_CALL)))
        elif interface == CONTROL_INTERFACE and method == 'InvokeAction':
            notification_id, action_key = parameters.unpack()
            self.record({'method': 'InvokeAction', 'id': notification_id,
                         'action_key': action_key})
            self.emit('ActionInvoked', GLib.Variant('(us)', (notification_id, action_key)))
            invocation.return_value(None)
        else:
            invocation.return_dbus_error('org.freedesktop.DBus.Error.UnknownMethod',
                                         'No method %s.%s' % (interface, method))

    def bus_acquired(self, connection, name):
        self.connection = connection
        node = Gio.DBusNodeInfo.new_for_xml(INTROSPECTION)
        for info in node.interfaces:
            connection.register_object(PATH, info, self.method_call, None, None)

    def name_acquired(self, connection, name):
        print('READY', flush=True)

    def name_lost(self, connection, name):
        print('fake-notifyd: could not own %s' % NAME, file=sys.stderr, flush=True)
        self.loop.quit()

    def run(self):
        owner = Gio.bus_own_name(Gio.BusType.SESSION, NAME, Gio.BusNameOwnerFlags.DO_NOT_QUEUE,
                                 self.bus_acquired, self.name_acquired, self.name_lost)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, self.quit)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, self.quit)
        self.loop.run()
        Gio.bus_unown_name(owner)

    def quit(self):
        self.loop.quit()
        return GLib.SOURCE_REMOVE


def main():
    if len(sys.argv) != 2:
        print('usage: fake-notifyd.py LOG', file=sys.stderr)
        return 2
    Server(sys.argv[1]).run()
    return 0


if __name__ == '__main__':
    sys.exit(main())

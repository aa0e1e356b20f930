#!/usr/bin/env python3
"""Chat clients for scripts/console-screenshots.sh: keeps users online on a harajchatd and has them
chat, so the console has sessions, presence, events and counters to show. Standard library only.

    console_demo_clients.py PORT ID:TOKEN[:SOCKETS] ...

Each user opens SOCKETS WebSockets (default 1) to /chat/ws and authenticates; each listens to the
next user's presence (their p2p topic is opened first); then they send a message every 200 ms
round-robin until killed. Server pings are answered.
"""
import base64
import http.client
import itertools
import json
import os
import select
import socket
import struct
import sys
import time


def ws_open(port):
    sock = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /chat/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(1)
    if b" 101 " not in head.split(b"\r\n")[0]:
        raise RuntimeError(f"no WebSocket upgrade: {head!r}")
    return sock


def ws_send(sock, payload, opcode=0x1):
    mask = os.urandom(4)
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    else:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def read_exactly(sock, size):
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the daemon closed the socket")
        data += chunk
    return data


def ws_answer_one_frame(sock):
    """Reads one frame; answers a ping, ignores everything else."""
    first, second = read_exactly(sock, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack("!H", read_exactly(sock, 2))[0]
    elif length == 127:
        length = struct.unpack("!Q", read_exactly(sock, 8))[0]
    payload = read_exactly(sock, length)
    if first & 0x0F == 0x9:
        ws_send(sock, payload, opcode=0xA)


def http_post(connection, path, token, body):
    connection.request("POST", path, json.dumps(body),
                       {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    answer = connection.getresponse()
    answer.read()
    return answer.status


def main():
    port = int(sys.argv[1])
    users = []
    for spec in sys.argv[2:]:
        parts = spec.split(":")
        users.append((int(parts[0]), parts[1], int(parts[2]) if len(parts) > 2 else 1))
    tokens = {user_id: token for user_id, token, _ in users}
    connections = {user_id: http.client.HTTPConnection("127.0.0.1", port) for user_id in tokens}
    pairs = [(user[0], peer[0]) for user, peer in zip(users, users[1:] + users[:1])]
    for user_id, peer_id in pairs:
        http_post(connections[user_id], "/chat/topics", tokens[user_id], {"peer_id": peer_id})
    peer_of = dict(pairs)
    sockets = []
    for user_id, token, count in users:
        for _ in range(count):
            sock = ws_open(port)
            ws_send(sock, json.dumps({"auth": {"id": "a", "access_token": token}}).encode())
            ws_send(sock, json.dumps({"listen": {"id": "l", "peer_id": peer_of[user_id]}}).encode())
            sockets.append(sock)
    next_send = time.monotonic()
    for number in itertools.count():
        readable, _, _ = select.select(sockets, [], [], 0.05)
        for sock in readable:
            ws_answer_one_frame(sock)
        if time.monotonic() >= next_send:
            sender, peer = pairs[number % len(pairs)]
            topic = f"p2p{min(sender, peer)}_{max(sender, peer)}"
            http_post(connections[sender], f"/chat/topics/{topic}/messages", tokens[sender],
                      {"content": {"type": "text/plain", "payload": {"text": f"hello #{number}"}}})
            next_send += 0.2


if __name__ == "__main__":
    main()

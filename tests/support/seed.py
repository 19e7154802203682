"""The names the command-line tests share: the sandbox seed's customer and reward, and the
staff they enrol (two managers and a cashier, with their PINs)."""

from __future__ import annotations

C = "cus_abc123"  # the seed's customer: Ada Obi, 500 points, Silver
R = "rwd_xyz789"  # the seed's reward: 200 points for NGN 1,000 off
BOSS, BOSS_PIN = "Maryam", "73915428"
DEPUTY, DEPUTY_PIN = "Bola", "61738294"
CASHIER, CASHIER_PIN = "Chidi", "52817"

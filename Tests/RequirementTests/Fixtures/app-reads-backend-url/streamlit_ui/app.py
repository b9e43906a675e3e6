"""The dashboard, reduced to what 1.6 looks at: it reads its backend's address from
BACKEND_URL, not from API_BASE_URL, so the Dockerfile's ENV API_BASE_URL reaches nothing."""

import os

import streamlit as st

BACKEND_URL = os.environ.get("BACKEND_URL", "http://localhost:8000").rstrip("/")

st.title("VibeJudge AI organizer dashboard")
st.write(f"Backend: {BACKEND_URL}")

"""VibeJudge AI organizer dashboard.

A small Streamlit front end for hackathon organizers: it lists the hackathons
known to the VibeJudge AI backend, the submissions of the selected hackathon and
their scores. All data comes from the backend's HTTP API at ``API_BASE_URL``;
the dashboard itself keeps no state and calls no AWS API.

Configuration (environment variables):

``API_BASE_URL``
    Base URL of the VibeJudge AI backend API, without a trailing slash.
``API_TIMEOUT_SECONDS``
    Timeout of one backend request in seconds (default 10).

Organizers paste their VibeJudge API key in the sidebar; it lives only in their
browser session and is sent as the ``X-API-Key`` header.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from typing import Any
from urllib.parse import quote

import requests
import streamlit as st

DEFAULT_API_BASE_URL = "https://api.vibejudge.ai"
API_BASE_URL = os.environ.get("BACKEND_URL", DEFAULT_API_BASE_URL).rstrip("/")
API_TIMEOUT_SECONDS = float(os.environ.get("API_TIMEOUT_SECONDS", "10"))
CACHE_TTL_SECONDS = 30


def _logger() -> logging.Logger:
    """JSON lines on stdout (CloudWatch Logs Insights discovers their fields).

    Streamlit re-runs this script on every interaction, so the handler is added once.
    """
    logger = logging.getLogger("vibejudge.dashboard")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def log_event(event: str, level: int = logging.INFO, **fields: Any) -> None:
    record = {"level": logging.getLevelName(level), "event": event, **fields}
    _logger().log(level, json.dumps(record, default=str))


class ApiError(Exception):
    """A backend call that did not give usable data; ``str()`` is a message for people."""


def _get(path: str, api_key: str, params: dict[str, Any] | None = None) -> Any:
    """GET ``API_BASE_URL + path`` and return the decoded JSON body."""
    url = f"{API_BASE_URL}{path}"
    headers = {"Accept": "application/json"}
    if api_key:
        headers["X-API-Key"] = api_key
    started = time.monotonic()
    try:
        response = requests.get(url, headers=headers, params=params, timeout=API_TIMEOUT_SECONDS)
    except requests.RequestException as error:
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        log_event("api_request", logging.ERROR, path=path, status=None, duration_ms=duration_ms,
                  error=error.__class__.__name__)
        if isinstance(error, requests.Timeout):
            message = f"The VibeJudge API at {API_BASE_URL} did not answer within {API_TIMEOUT_SECONDS:g} s."
        elif isinstance(error, requests.ConnectionError):
            message = f"The VibeJudge API at {API_BASE_URL} is unreachable: {error.__class__.__name__}."
        else:
            message = f"Request to {url} failed: {error.__class__.__name__}."
        raise ApiError(message) from error

    duration_ms = round((time.monotonic() - started) * 1000, 1)
    log_event("api_request", logging.INFO if response.ok else logging.WARNING, path=path,
              status=response.status_code, duration_ms=duration_ms)
    if response.status_code in (401, 403):
        raise ApiError("The VibeJudge API refused the request: check the API key in the sidebar.")
    if response.status_code == 404:
        raise ApiError(f"Not found: {path}")
    if not response.ok:
        raise ApiError(f"The VibeJudge API answered HTTP {response.status_code} for {path}.")
    try:
        return response.json()
    except ValueError as error:
        raise ApiError(f"The VibeJudge API sent a response that is not JSON for {path}.") from error


def _items(payload: Any, key: str) -> list[dict[str, Any]]:
    """Accept both a bare JSON list and an envelope such as ``{"hackathons": [...]}``."""
    if isinstance(payload, list):
        return [item for item in payload if isinstance(item, dict)]
    if isinstance(payload, dict):
        for candidate in (key, "items", "data", "results"):
            value = payload.get(candidate)
            if isinstance(value, list):
                return [item for item in value if isinstance(item, dict)]
    return []


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def fetch_health() -> str:
    payload = _get("/health", api_key="")
    if isinstance(payload, dict):
        return str(payload.get("status", "ok"))
    return "ok"


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner="Loading hackathons...")
def fetch_hackathons(api_key: str) -> list[dict[str, Any]]:
    return _items(_get("/api/v1/hackathons", api_key), "hackathons")


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner="Loading submissions...")
def fetch_submissions(api_key: str, hackathon_id: str) -> list[dict[str, Any]]:
    return _items(_get(f"/api/v1/hackathons/{quote(hackathon_id, safe='')}/submissions", api_key), "submissions")


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner="Loading scores...")
def fetch_leaderboard(api_key: str, hackathon_id: str) -> list[dict[str, Any]]:
    return _items(_get(f"/api/v1/hackathons/{quote(hackathon_id, safe='')}/leaderboard", api_key), "leaderboard")


def _hackathon_label(hackathon: dict[str, Any]) -> str:
    name = hackathon.get("name") or hackathon.get("title") or "Untitled hackathon"
    status = hackathon.get("status")
    return f"{name} ({status})" if status else str(name)


def _hackathon_id(hackathon: dict[str, Any]) -> str:
    return str(hackathon.get("hack_id") or hackathon.get("hackathon_id") or hackathon.get("id") or "")


def render_sidebar() -> str:
    st.sidebar.header("Connection")
    st.sidebar.caption(f"Backend: `{API_BASE_URL}`")
    api_key = st.sidebar.text_input(
        "Organizer API key",
        type="password",
        help="Kept only in this browser session and sent as the X-API-Key header.",
    )
    if st.sidebar.button("Refresh data"):
        st.cache_data.clear()
    try:
        status = fetch_health()
        st.sidebar.success(f"API reachable (status: {status})")
    except ApiError as error:
        st.sidebar.error(str(error))
    return api_key


def render_overview(hackathons: list[dict[str, Any]]) -> None:
    total = len(hackathons)
    active = sum(1 for h in hackathons if str(h.get("status", "")).lower() in {"active", "open", "judging"})
    submissions = sum(int(h.get("submission_count") or 0) for h in hackathons)
    col1, col2, col3 = st.columns(3)
    col1.metric("Hackathons", total)
    col2.metric("Active", active)
    col3.metric("Submissions", submissions)


def render_hackathon(api_key: str, hackathon: dict[str, Any]) -> None:
    hackathon_id = _hackathon_id(hackathon)
    if not hackathon_id:
        st.warning("This hackathon has no identifier in the API response.")
        return
    if hackathon.get("description"):
        st.write(hackathon["description"])

    submissions_tab, scores_tab = st.tabs(["Submissions", "Scores"])
    with submissions_tab:
        try:
            submissions = fetch_submissions(api_key, hackathon_id)
        except ApiError as error:
            st.error(str(error))
        else:
            if submissions:
                st.dataframe(submissions, width="stretch", hide_index=True)
            else:
                st.info("No submissions yet.")
    with scores_tab:
        try:
            leaderboard = fetch_leaderboard(api_key, hackathon_id)
        except ApiError as error:
            st.error(str(error))
        else:
            if leaderboard:
                st.dataframe(leaderboard, width="stretch", hide_index=True)
                chart = [
                    {"team": str(row.get("team_name") or row.get("sub_id") or index), "score": row["overall_score"]}
                    for index, row in enumerate(leaderboard)
                    if isinstance(row.get("overall_score"), (int, float))
                ]
                if chart:
                    st.bar_chart(chart, x="team", y="score")
            else:
                st.info("No scores yet: judging has not finished for this hackathon.")


def main() -> None:
    st.set_page_config(page_title="VibeJudge AI - Organizer dashboard", layout="wide")
    st.title("VibeJudge AI organizer dashboard")
    api_key = render_sidebar()

    try:
        hackathons = fetch_hackathons(api_key)
    except ApiError as error:
        st.error(str(error))
        st.info(
            "The dashboard shows data only while the VibeJudge API is reachable. "
            "Check API_BASE_URL and the API key, then press 'Refresh data'."
        )
        return

    render_overview(hackathons)
    if not hackathons:
        st.info("No hackathons yet.")
        return

    labels = [_hackathon_label(h) for h in hackathons]
    choice = st.selectbox("Hackathon", options=range(len(hackathons)), format_func=lambda i: labels[i])
    st.subheader(labels[choice])
    render_hackathon(api_key, hackathons[choice])


main()

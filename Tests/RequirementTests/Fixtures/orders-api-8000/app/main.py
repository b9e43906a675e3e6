from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def health() -> dict:
    return {"status": "ok"}

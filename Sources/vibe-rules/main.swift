print("vibe-rules")

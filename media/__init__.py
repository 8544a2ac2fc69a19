"""Interview media: speech (faster-whisper, whisperx) and vision (deepface) behind small interfaces."""

"""Speech: transcripts with word timings (faster-whisper by default, whisperx by setting) and speech features.

Heavy engines are imported only when `transcribe` runs."""

from media.speech.features import baseline_deltas, count_fillers, speech_features
from media.speech.media import probe_media
from media.speech.model import ERROR_CODES, MediaInfo, SpeechError, Transcript, Word
from media.speech.transcription import transcribe

__all__ = ["ERROR_CODES", "MediaInfo", "SpeechError", "Transcript", "Word", "baseline_deltas", "count_fillers",
           "probe_media", "speech_features", "transcribe"]

"""The whisperx engine (optional extra, its own environment: `make test-whisperx`). Skipped where whisperx is not
installed. Offline, whisperx's alignment model cannot be fetched: the transcript then says "alignment unavailable"
and its word timings are interpolated within the segments."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("whisperx", reason="whisperx is an optional extra: run `make test-whisperx`")

from candor.settings import load_settings  # noqa: E402
from media.speech import SpeechError, speech_features, transcribe  # noqa: E402
from tests.media import have_media_tools, silence, speak  # noqa: E402
from tests.test_speech import ANSWER_1, ANSWER_2, word_error_rate  # noqa: E402

pytestmark = pytest.mark.skipif(not have_media_tools(), reason="needs espeak-ng and ffmpeg")


@pytest.fixture(scope="module")
def wx_settings():
    return load_settings(CANDOR_ENV="test", CANDOR_SPEECH_ENGINE="whisperx", CANDOR_WHISPER_COMPUTE_TYPE="int8")


@pytest.fixture(scope="module")
def wx_media(tmp_path_factory):
    d = tmp_path_factory.mktemp("whisperx-media")
    return {"calm_1": speak(ANSWER_1, d / "calm_1.wav"), "calm_2": speak(ANSWER_2, d / "calm_2.wav"),
            "nervous_1": speak(ANSWER_1, d / "nervous_1.wav", nervous=True), "silent": silence(d / "silent.wav", 4)}


@pytest.fixture(scope="module")
def wx_transcripts(wx_media, wx_settings):
    timings = {}
    out = {}
    for name in ("calm_1", "calm_2", "nervous_1"):
        started = time.perf_counter()
        out[name] = transcribe(wx_media[name], wx_settings)
        timings[name] = time.perf_counter() - started
    print("whisperx seconds per answer:", {k: round(v, 2) for k, v in timings.items()},
          "audio seconds:", {k: t.duration_s for k, t in out.items()})
    return out


def test_whisperx_transcribes_english_with_word_timings(wx_transcripts):
    for name, reference in (("calm_1", ANSWER_1), ("calm_2", ANSWER_2)):
        t = wx_transcripts[name]
        wer = word_error_rate(reference, t.text)
        print(f"whisperx {name}: WER {wer:.1%}; notes {t.notes}: {t.text}")
        assert t.engine == "whisperx" and t.model == "tiny.en" and t.language == "en"
        assert wer < 0.15, (wer, t.text)
        assert t.words and [w.start for w in t.words] == sorted(w.start for w in t.words)
        assert all(0 <= w.start <= w.end <= t.duration_s + 0.1 for w in t.words)
        aligned = all(w.probability is not None for w in t.words)
        assert aligned or any(n.startswith("alignment unavailable") for n in t.notes), t.notes


def test_whisperx_features_separate_the_nervous_answer(wx_transcripts):
    calm, nervous = speech_features(wx_transcripts["calm_1"]), speech_features(wx_transcripts["nervous_1"])
    print("whisperx calm", calm, "\nwhisperx nervous", nervous)
    assert nervous["words_per_minute"] > 1.1 * calm["words_per_minute"]
    assert nervous["pause_ratio"] > calm["pause_ratio"] and nervous["long_pauses"] > calm["long_pauses"]
    assert nervous["filler_rate"] > calm["filler_rate"]


def test_whisperx_refuses_silence_like_the_default_engine(wx_media, wx_settings):
    with pytest.raises(SpeechError) as caught:
        transcribe(wx_media["silent"], wx_settings)
    assert caught.value.code == "silence"

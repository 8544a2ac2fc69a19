"""Real speech: espeak-ng answers (calm, nervous, Mandarin) transcribed by faster-whisper tiny.en, speech features,
baseline deltas, and every kind of bad media refused with a clear, bilingual error."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from candor.settings import load_settings
from media.speech import (
    SpeechError,
    Transcript,
    Word,
    baseline_deltas,
    count_fillers,
    faster_whisper_engine,
    probe_media,
    speech_features,
    transcribe,
)
from media.speech import transcription as transcribe_module
from tests.media import (
    blank_video,
    ffmpeg,
    have_media_tools,
    long_silence,
    silence,
    speak,
)

pytestmark = pytest.mark.skipif(not have_media_tools(), reason="needs espeak-ng and ffmpeg (make install)")

ANSWER_1 = ("In my last role I led the redesign of our checkout flow. We interviewed twenty customers, found three "
            "main problems, and shipped a fix in six weeks. Conversion went up and payment complaints dropped by half.")
ANSWER_2 = ("When our supplier missed a delivery, I called the plant manager, agreed a new schedule with the team, "
            "and moved two orders to another line so that no customer waited longer than a day.")
ANSWER_ZH = "我负责过结账流程的改版。我们访谈了二十位客户，发现了三个主要问题。"

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _number_words(n: int) -> str:
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    rest = n % 100
    return ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + _number_words(rest))


def normalise(text: str) -> list[str]:
    text = text.lower().replace("%", " percent").replace("-", " ")
    text = re.sub(r"\d+", lambda m: " " + _number_words(int(m.group())) + " " if int(m.group()) < 1000 else m.group(),
                  text)
    return re.findall(r"[a-z']+", text)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over normalised words, divided by the reference's length."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / max(len(ref), 1)


def test_word_error_rate_counts_substitutions_insertions_and_deletions():
    assert word_error_rate("a b c d", "a b c d") == 0
    assert word_error_rate("a b c d", "a x c") == 0.5
    assert word_error_rate("twenty customers, 12%", "20 customers twelve percent") == 0


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("speech-media")


@pytest.fixture(scope="session")
def settings():
    return load_settings(CANDOR_ENV="test")


@pytest.fixture(scope="session")
def answers(media_dir, settings) -> dict[str, Transcript]:
    """Three English answers transcribed once for the whole module: two calm baselines and a nervous one."""
    files = {"calm_1": speak(ANSWER_1, media_dir / "calm_1.wav"),
             "calm_2": speak(ANSWER_2, media_dir / "calm_2.mp3"),
             "nervous_1": speak(ANSWER_1, media_dir / "nervous_1.wav", nervous=True)}
    return {name: transcribe(path, settings) for name, path in files.items()}


def test_english_answers_are_transcribed_with_word_timings(answers):
    for name, reference in (("calm_1", ANSWER_1), ("calm_2", ANSWER_2)):
        t = answers[name]
        wer = word_error_rate(reference, t.text)
        print(f"{name}: WER {wer:.1%} ({t.engine} {t.model}): {t.text}")
        assert wer < 0.15, (wer, t.text)
        assert t.language == "en" and t.engine == "faster-whisper" and t.model == "tiny.en"
        assert t.notes == []
        assert all(isinstance(w.start, float) and 0 <= w.start <= w.end <= t.duration_s + 0.1 for w in t.words)
        assert [w.start for w in t.words] == sorted(w.start for w in t.words)
        assert len(t.words) >= 25 and t.segments and t.segments[-1][1] <= t.duration_s + 0.1
    assert answers["calm_1"].to_dict()["words"][0].keys() == {"word", "start", "end", "probability"}


def test_nervous_answer_is_faster_with_more_pauses_and_fillers(answers):
    calm = speech_features(answers["calm_1"])
    nervous = speech_features(answers["nervous_1"])
    print("calm", calm, "\nnervous", nervous)
    assert nervous["words_per_minute"] > 1.15 * calm["words_per_minute"]
    assert nervous["pause_ratio"] > calm["pause_ratio"] + 0.05
    assert nervous["long_pauses"] >= calm["long_pauses"] + 1
    assert nervous["filler_rate"] > calm["filler_rate"] + 3
    assert calm["filler_rate"] == 0 and calm["long_pauses"] == 0


def test_baseline_deltas_show_the_nervous_answer(answers):
    features = [speech_features(answers[n]) for n in ("calm_1", "calm_2", "nervous_1")]
    deltas = baseline_deltas(features, baseline=[0, 1])
    calm, nervous = deltas[1]["deltas"], deltas[2]["deltas"]
    assert deltas[2]["reference"] == "baseline_mean" and deltas[2]["baseline_answers"] == [0, 1]
    assert nervous["words_per_minute"]["ratio"] > 1.15 > calm["words_per_minute"]["ratio"]
    assert nervous["pause_ratio"]["difference"] > 0.05 > calm["pause_ratio"]["difference"]
    assert nervous["filler_rate"]["difference"] > 3
    expected = (features[0]["words_per_minute"] + features[1]["words_per_minute"]) / 2
    assert nervous["words_per_minute"]["reference"] == pytest.approx(expected, abs=1e-3)
    # Without baseline answers, each answer is compared with the candidate's own median.
    own = baseline_deltas(features, baseline=[])
    assert own[0]["reference"] == "own_median"
    assert own[2]["deltas"]["words_per_minute"]["difference"] > 0


def test_mandarin_answer_with_the_english_only_model_says_so(media_dir, settings):
    path = speak(ANSWER_ZH, media_dir / "zh.wav", voice="zh")
    started = time.perf_counter()
    t = transcribe(path, settings, language="zh-CN")
    assert time.perf_counter() - started < 5  # not transcribed at all: a tiny.en transcript of Mandarin is nonsense
    assert t.text == "" and t.words == [] and t.language == "zh" and t.duration_s > 3
    assert len(t.notes) == 1 and t.notes[0].startswith("language unsupported by the configured model")
    assert "CANDOR_WHISPER_MODEL" in t.notes[0]


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["我们访谈了二十位客户。", "我负责过三个大客户的续约谈判。", "那次故障我先检查了电源，然后换了传感器。"])
def test_mandarin_answer_of_unknown_language_is_flagged_low_confidence(media_dir, settings, answer):
    path = speak(answer, media_dir / f"zh_unmarked_{len(answer)}.wav", voice="zh")
    t = transcribe(path, settings)
    print(t.text, t.notes)
    assert any(n.startswith("low-confidence transcript") and "not in English" in n for n in t.notes)


def test_the_model_is_loaded_once_per_process(answers, settings):
    before = faster_whisper_engine.load_model.cache_info()
    faster_whisper_engine.model_for(settings)
    after = faster_whisper_engine.load_model.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses


def test_video_with_sound_is_transcribed(media_dir, settings, answers):
    audio = media_dir / "calm_2.mp3"
    video = media_dir / "answer.mp4"
    ffmpeg("-f", "lavfi", "-i", "color=c=gray:s=160x120:r=5", "-i", str(audio), "-shortest", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", str(video))
    info = probe_media(video)
    assert info.has_audio and info.has_video and info.duration_s > 5
    assert word_error_rate(ANSWER_2, transcribe(video, settings).text) < 0.15


# --- bad media: each a clear SpeechError in English and Chinese ---------------------------------------------


def _refused(path: Path, settings, code: str) -> SpeechError:
    with pytest.raises(SpeechError) as caught:
        transcribe(path, settings)
    err = caught.value
    assert err.code == code, err.message
    assert path.name in err.message and err.message_zh and re.search(r"[\u4e00-\u9fff]", err.message_zh)
    return err


def test_corrupt_audio_is_refused(media_dir, settings):
    good = media_dir / "good.m4a"
    ffmpeg("-i", str(speak(ANSWER_2, media_dir / "for_m4a.wav")), str(good))
    broken = media_dir / "broken.m4a"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 3])  # upload cut short: no index at the end
    err = _refused(broken, settings, "corrupt_media")
    assert "again" in err.message


def test_a_file_that_is_not_media_is_refused(media_dir, settings):
    text = media_dir / "answer.mp3"
    text.write_text("This is my answer, typed instead of recorded.\n" * 20)
    assert "WAV" in _refused(text, settings, "unsupported_media").message
    image = Path(__file__).parent / "data" / "astronaut.png"
    assert "still image" in _refused(image, settings, "unsupported_media").message
    mute = blank_video(media_dir / "mute.mp4", seconds=1)
    assert "no audio track" in _refused(mute, settings, "unsupported_media").message


def test_missing_and_empty_files_are_refused(media_dir, settings):
    with pytest.raises(SpeechError) as caught:
        transcribe(media_dir / "nowhere.wav", settings)
    assert caught.value.code == "corrupt_media" and "does not exist" in caught.value.message
    empty = media_dir / "empty.wav"
    empty.write_bytes(b"")
    assert "empty" in _refused(empty, settings, "corrupt_media").message


def test_silence_is_refused(media_dir, settings):
    err = _refused(silence(media_dir / "silent.wav", 5), settings, "silence")
    assert "microphone" in err.message


def test_two_hour_file_is_refused_before_decoding(media_dir, settings, monkeypatch):
    long = long_silence(media_dir / "two_hours.ogg", 7200)
    assert long.stat().st_size < 4_000_000

    def no_decoding(*args, **kwargs):
        pytest.fail("the over-long file was decoded")

    monkeypatch.setattr(transcribe_module, "decode_audio", no_decoding)
    started = time.perf_counter()
    err = _refused(long, settings, "too_long")
    assert time.perf_counter() - started < 3
    assert "120.0 minutes" in err.message and "CANDOR_MEDIA_MAX_SECONDS" in err.message


def test_long_file_without_a_duration_header_stops_decoding_at_the_limit(media_dir):
    from dataclasses import replace

    from media.speech.media import decode_audio

    # Browsers' WebM recordings often carry no duration: then decoding stops just past the limit.
    info = replace(probe_media(long_silence(media_dir / "150s.ogg", 150)), duration_s=None)
    started = time.perf_counter()
    with pytest.raises(SpeechError) as caught:
        decode_audio(info, max_seconds=60)
    assert caught.value.code == "too_long" and "more than 1.0 minutes, over the 1-minute limit" in caught.value.message
    assert time.perf_counter() - started < 10
    assert decode_audio(info, max_seconds=200).size == pytest.approx(150 * 16000, rel=0.01)


def test_missing_model_is_a_clear_error(media_dir, settings):
    path = media_dir / "calm_1.wav"
    bad = load_settings(CANDOR_ENV="test", CANDOR_WHISPER_MODEL=str(media_dir / "no-such-model"))
    with pytest.raises(SpeechError) as caught:
        transcribe(path, bad)
    assert caught.value.code == "model_missing" and "CANDOR_WHISPER_MODEL" in caught.value.message
    empty_dir = media_dir / "not-a-model"
    empty_dir.mkdir(exist_ok=True)
    with pytest.raises(SpeechError) as caught:
        transcribe(path, load_settings(CANDOR_ENV="test", CANDOR_WHISPER_MODEL=str(empty_dir)))
    assert caught.value.code == "model_missing" and "model.bin" in caught.value.message


def test_whisperx_engine_without_whisperx_installed_is_a_clear_error(media_dir, answers):
    pytest.importorskip("faster_whisper")
    try:
        import whisperx  # noqa: F401
        pytest.skip("whisperx is installed here: tests/test_whisperx.py covers it")
    except ImportError:
        pass
    with pytest.raises(SpeechError) as caught:
        transcribe(media_dir / "calm_1.wav", load_settings(CANDOR_ENV="test", CANDOR_SPEECH_ENGINE="whisperx"))
    assert caught.value.code == "engine_missing" and "[whisperx]" in caught.value.message


# --- features without audio: pure functions ----------------------------------------------------------------


def test_fillers_in_english_and_chinese():
    assert count_fillers("Um, I mean, it was, like, you know, hard. I like the team.") == \
        {"um": 1, "i mean": 1, "like": 1, "you know": 1}
    assert count_fillers("嗯，那个，我们就是说先做了调研，然后呃上线了。") == \
        {"嗯": 1, "那个": 1, "就是说": 1, "然后": 1, "呃": 1}


def test_features_from_word_timings_alone_and_chinese_rate():
    words = [Word("我们", 0.0, 0.4), Word("嗯", 0.5, 0.7), Word("上线", 2.0, 2.4), Word("了", 2.4, 2.6)]
    t = Transcript(text="我们嗯上线了", language="zh", duration_s=3.0, words=words, segments=[(0.0, 2.6, "我们嗯上线了")],
                   engine="test", model="test")
    f = speech_features(t)
    assert f["words"] == 6  # Chinese speech rate counts characters
    assert f["long_pauses"] == 1 and f["pauses"] == 1 and f["fillers"] == {"嗯": 1}
    assert f["pause_ratio"] == pytest.approx(1.3 / 2.6, abs=1e-3)
    assert f["words_per_minute"] == pytest.approx(6 / 1.3 * 60, abs=0.1)


def test_baseline_indexes_out_of_range_are_refused():
    with pytest.raises(ValueError, match="out of range"):
        baseline_deltas([{"words_per_minute": 120}], baseline=[3])


def test_speech_error_codes_are_fixed():
    with pytest.raises(ValueError):
        SpeechError("oops", "x", "y")

import pytest
from hypothesis import given, settings, strategies as st

from layer_oracle import assert_agrees, engine_outcome
from test_conv_layers import agrees  # one layer called on shapes in turn; messages in full
from test_recurrent_layers import Spec, agree  # layers given layers as arguments

dims = st.integers(0, 12).map(lambda d: d or None)  # None now and then
shapes = st.lists(dims, min_size=0, max_size=4).map(lambda s: (None, *s))
# Mostly batches of images; rank 3 is taken by Keras for one unbatched image.
image_shapes = st.sampled_from([3, 3, 3, 2, 1, 0, 4]).flatmap(
    lambda rank: st.lists(dims, min_size=rank, max_size=rank).map(lambda s: (None, *s)))
formats = st.sampled_from([None, "channels_last", "channels_first"])


SHAPE_PRESERVING = {
    "Rescaling": {"scale": 1 / 255},
    "RandomFlip": {"mode": "horizontal"},
    "RandomRotation": {"factor": 0.1},
    "RandomZoom": {"height_factor": 0.2},
    "RandomTranslation": {"height_factor": 0.1, "width_factor": 0.1},
    "RandomContrast": {"factor": 0.2},
    "RandomBrightness": {"factor": 0.2},
    "RandomGrayscale": {"factor": 0.5},
    "RandomHue": {"factor": 0.2},
    "RandomSaturation": {"factor": 0.2},
    "RandomSharpness": {"factor": 0.2},
    "RandomShear": {"x_factor": 0.1},
    "AugMix": {"num_chains": 2, "chain_depth": 2},
    "AutoContrast": {"value_range": (0, 1)},
    "ContrastLimitedAdaptiveHistogramEqualization": {"tile_grid_size": (4, 4)},
    "CutMix": {"factor": 0.5},
    "Equalization": {"bins": 128},
    "MaxNumBoundingBoxes": {"max_number": 5},
    "MixUp": {"alpha": 0.4},
    "RandAugment": {"num_ops": 3},
    "RandomColorJitter": {"brightness_factor": 0.2, "hue_factor": 0.1},
    "RandomElasticTransform": {"factor": 0.5},
    "RandomErasing": {"factor": 0.5},
    "RandomGaussianBlur": {"kernel_size": 5},
    "RandomInvert": {"factor": 0.5},
    "RandomPerspective": {"factor": 0.5},
    "RandomPosterization": {"factor": (1, 4)},
    "Solarization": {"addition_factor": 0.2},
}


@settings(max_examples=100, deadline=None)
@given(kind=st.sampled_from(sorted(SHAPE_PRESERVING)), shape=shapes)
def test_shape_preserving_augmentations_match_keras(kind, shape):
    assert_agrees(kind, SHAPE_PRESERVING[kind], shape)


@pytest.mark.parametrize("kind", sorted(SHAPE_PRESERVING))
def test_augmentations_keep_a_batch_of_images(kind):
    assert assert_agrees(kind, SHAPE_PRESERVING[kind], (None, 8, 8, 3)) == "ok"


@pytest.mark.parametrize("kind", ["MaxNumBoundingBoxes", "RandomColorDegeneration", "RandomPosterization"])
def test_augmentations_without_their_required_argument_are_unknown(kind):
    assert engine_outcome(kind, {}, (None, 8, 8, 3))[0] == "unknown"  # Keras: a TypeError from the constructor


@settings(max_examples=40, deadline=None)
@given(data_format=formats, shape=image_shapes)
def test_random_color_degeneration_matches_keras(data_format, shape):
    agrees("RandomColorDegeneration", {"factor": 0.5, "data_format": data_format}, [shape])


def test_random_color_degeneration_examples():
    assert agrees("RandomColorDegeneration", {"factor": 0.5}, [(None, 8, 8, 1)])[-1] == "error"
    assert agrees("RandomColorDegeneration", {"factor": 0.5}, [(None, 8, 8, 3), (None, 8)])[-1] == "error"
    assert agrees("RandomColorDegeneration", {"factor": 0.5, "data_format": "channels_first"},
                  [(None, 3, 8, 8)])[-1] == "ok"


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(["Resizing", "CenterCrop", "RandomCrop"]), height=st.integers(0, 6),
       width=st.integers(1, 6), data_format=formats, crop=st.booleans(), shape=image_shapes)
def test_resizing_and_crops_match_keras(kind, height, width, data_format, crop, shape):
    args = {"height": height, "width": width}
    if data_format:
        args["data_format"] = data_format
    if kind == "Resizing" and crop:
        args["crop_to_aspect_ratio"] = True
    agrees(kind, args, [shape])


def test_resizing_examples():
    assert agrees("Resizing", {"height": 4, "width": 5}, [(None, 10, 10, 3)])[-1] == "ok"
    assert agrees("Resizing", {"height": 4, "width": 5, "data_format": "channels_first"}, [(None, 3, 9, 9)])[-1] == "ok"
    assert agrees("CenterCrop", {"height": 4, "width": 5}, [(None, 5)])[-1] == "error"
    assert agrees("CenterCrop", {"height": 4, "width": 5}, [(None, 2, 3, 4, 5)])[-1] == "error"
    assert agrees("RandomCrop", {"height": 4, "width": 5}, [(None, 8, 8, 3)])[-1] == "ok"


@settings(max_examples=50, deadline=None)
@given(axis=st.sampled_from([-1, -1, 1, 2, 0, 5, -5, None, (1, -1), [1, 2], (1, 7)]),
       stats=st.sampled_from([{}, {"mean": 0.5, "variance": 2.0}]), shape=shapes)
def test_normalization_matches_keras(axis, stats, shape):
    assert_agrees("Normalization", {"axis": axis, **stats}, shape)


@settings(max_examples=50, deadline=None)
@given(tokens=st.integers(1, 8), mode=st.sampled_from(["multi_hot", "one_hot", "count", "binary"]),
       shape=st.one_of(shapes, st.lists(st.sampled_from([1, 1, 3, None]), max_size=3).map(lambda s: (None, *s))))
def test_category_encoding_matches_keras(tokens, mode, shape):
    assert_agrees("CategoryEncoding", {"num_tokens": tokens, "output_mode": mode}, shape)


TEXT_VECTORIZATION = [
    {"max_tokens": 100, "output_sequence_length": 10}, {"max_tokens": 100},
    {"split": "character", "output_sequence_length": 5}, {"max_tokens": 50, "output_mode": "multi_hot"},
    {"max_tokens": 20, "output_mode": "count", "pad_to_max_tokens": True},
    {"max_tokens": 20, "output_mode": "tf_idf", "pad_to_max_tokens": True},
    {"max_tokens": 20, "ragged": True}, {"max_tokens": 20, "split": None},
]


@pytest.mark.parametrize("args", TEXT_VECTORIZATION)
@pytest.mark.parametrize("shape", [(None,), (4,), (None, 1), (None, 2), ()])
def test_text_vectorization_matches_keras(args, shape):
    assert_agrees("TextVectorization", args, shape)


@pytest.mark.parametrize("args", TEXT_VECTORIZATION[:6])
def test_text_vectorization_on_one_text_per_row_is_known(args):
    assert agrees("TextVectorization", args, [(None,)])[-1] == "ok"


ENCODED_SHAPES = st.one_of(shapes, st.lists(st.sampled_from([1, 1, 3, None]), max_size=3).map(lambda s: (None, *s)))


@settings(max_examples=60, deadline=None)
@given(bins=st.integers(-1, 6), mode=st.sampled_from(["int", "int", "one_hot", "multi_hot", "count"]),
       shape=ENCODED_SHAPES)
def test_hashing_matches_keras(bins, mode, shape):
    assert_agrees("Hashing", {"num_bins": bins, "output_mode": mode}, shape)


@settings(max_examples=60, deadline=None)
@given(bins=st.sampled_from([{"bin_boundaries": [0.0, 1.0]}, {"bin_boundaries": [-1.0, 0.0, 2.5]}, {"num_bins": 4},
                             {}, {"num_bins": 3, "bin_boundaries": [0.0]}]),
       mode=st.sampled_from(["int", "one_hot", "multi_hot", "count"]), shape=ENCODED_SHAPES)
def test_discretization_matches_keras(bins, mode, shape):
    assert_agrees("Discretization", {**bins, "output_mode": mode}, shape)


LOOKUPS = {
    "StringLookup": [{"vocabulary": ["a", "b", "c"]}, {"vocabulary": ["a", "b"], "num_oov_indices": 2},
                     {"vocabulary": ["x"], "num_oov_indices": 0}, {"max_tokens": 10, "pad_to_max_tokens": True},
                     {"vocabulary": ["a", "b"], "mask_token": ""}, {"vocabulary": ["a", "b"], "invert": True}, {}],
    "IntegerLookup": [{"vocabulary": [1, 2, 3]}, {"vocabulary": [4, 5], "num_oov_indices": 3},
                      {"max_tokens": 6, "pad_to_max_tokens": True}, {"vocabulary": [1, 2], "mask_token": 0}, {}],
}


@settings(max_examples=80, deadline=None)
@given(data=st.data(), kind=st.sampled_from(sorted(LOOKUPS)),
       mode=st.sampled_from(["int", "int", "one_hot", "multi_hot", "count", "tf_idf"]), shape=ENCODED_SHAPES)
def test_lookups_match_keras(data, kind, mode, shape):
    args = {**data.draw(st.sampled_from(LOOKUPS[kind])), "output_mode": mode}
    if mode == "tf_idf" and "vocabulary" in args:
        args["idf_weights"] = [1.0] * len(args["vocabulary"])
    assert_agrees(kind, args, shape)


def test_lookup_examples():
    assert assert_agrees("StringLookup", {"vocabulary": ["a", "b", "c"]}, (None, 1)) == "ok"
    assert assert_agrees("StringLookup", {"vocabulary": ["a", "b", "c"], "output_mode": "one_hot"}, (None,)) == "ok"
    assert assert_agrees("IntegerLookup", {"vocabulary": [1, 2], "output_mode": "multi_hot"}, (None, 3)) == "ok"
    assert assert_agrees("IntegerLookup", {"max_tokens": 8, "pad_to_max_tokens": True, "output_mode": "count"},
                         (None, 3)) == "ok"
    assert assert_agrees("Hashing", {"num_bins": 8, "output_mode": "one_hot"}, (None, 1)) == "ok"
    assert assert_agrees("Hashing", {"num_bins": 0}, (None, 1)) == "error"
    assert assert_agrees("Discretization", {"bin_boundaries": [0.0, 1.0], "output_mode": "one_hot"}, (None, 4)) == "ok"
    assert assert_agrees("Discretization", {}, (None, 4)) == "error"
    assert assert_agrees("Discretization", {"num_bins": 3, "bin_boundaries": [0.0]}, (None, 4)) == "error"


@settings(max_examples=60, deadline=None)
@given(fft=st.sampled_from([16, 32, 33, 64]), stride=st.integers(1, 20), length=st.sampled_from([None, None, 16, 48]),
       bins=st.integers(1, 40), shape=st.lists(st.one_of(st.none(), st.integers(1, 200)), min_size=0, max_size=3))
def test_mel_spectrogram_matches_keras(fft, stride, length, bins, shape):
    args = {"fft_length": fft, "sequence_stride": stride, "sequence_length": length, "num_mel_bins": bins}
    assert_agrees("MelSpectrogram", args, tuple(shape))


def test_mel_spectrogram_examples():
    assert assert_agrees("MelSpectrogram", {"fft_length": 64, "sequence_stride": 16}, (None, 100)) == "ok"
    assert assert_agrees("MelSpectrogram", {"num_mel_bins": 40}, (None, None)) == "ok"
    assert assert_agrees("MelSpectrogram", {"fft_length": 64, "sequence_stride": 20}, (128,)) == "ok"
    assert assert_agrees("MelSpectrogram", {"fft_length": 64, "sequence_length": 128}, (None, 100)) == "error"
    # The symbolic frame count differs from real data's: 4 frames against 3.
    assert engine_outcome("MelSpectrogram", {"fft_length": 64, "sequence_stride": 16}, (None, 47))[0] == "unknown"


@settings(max_examples=80, deadline=None)
@given(frame=st.sampled_from([8, 16, 30]), step=st.sampled_from([None, None, 4, 8, 40]),
       fft=st.sampled_from([None, None, 32, 8]), mode=st.sampled_from(["log", "stft", "magnitude"]),
       padding=st.sampled_from(["valid", "same"]), expand=st.booleans(), data_format=formats,
       shape=st.lists(st.one_of(st.none(), st.integers(1, 64), st.integers(1, 3)), min_size=1, max_size=3))
def test_stft_spectrogram_matches_keras(frame, step, fft, mode, padding, expand, data_format, shape):
    args = {"frame_length": frame, "frame_step": step, "fft_length": fft, "mode": mode, "padding": padding,
            "expand_dims": expand, "data_format": data_format}
    agrees("STFTSpectrogram", args, [(None, *shape)])


def test_stft_spectrogram_examples():
    assert agrees("STFTSpectrogram", {"frame_length": 64, "frame_step": 16}, [(None, 100, 2)])[-1] == "ok"
    assert agrees("STFTSpectrogram", {"frame_length": 64, "expand_dims": True, "data_format": "channels_first"},
                  [(None, 2, 100)])[-1] == "ok"
    assert agrees("STFTSpectrogram", {"frame_length": 64}, [(None, 100, 1), (None, 30, 1)])[-1] == "error"
    assert agrees("STFTSpectrogram", {"frame_length": 64}, [(None, 30, 1)])[-1] == "error"
    assert agrees("STFTSpectrogram", {"frame_length": 64}, [(None, 30)])[-1] == "error"
    assert agrees("STFTSpectrogram", {"frame_length": 64, "frame_step": 80}, [(None, 100, 1)])[-1] == "error"


STAGES = st.sampled_from([Spec("Rescaling", {"scale": 1 / 255}), Spec("RandomFlip", {}), Spec("Dense", {"units": 3}),
                          Spec("Resizing", {"height": 4, "width": 5}), Spec("CenterCrop", {"height": 3, "width": 3}),
                          Spec("Conv2D", {"filters": 2, "kernel_size": 3}), Spec("Flatten", {})])


@settings(max_examples=40, deadline=None)
@given(stages=st.lists(STAGES, min_size=1, max_size=3), shape=image_shapes, later=st.one_of(st.none(), image_shapes))
def test_pipeline_matches_keras(stages, shape, later):
    spec = Spec("Pipeline", {"layers": stages})
    agree(spec, shape) if later is None else agree(spec, shape, later)


def test_pipeline_examples():
    augment = Spec("Pipeline", {"layers": [Spec("RandomFlip", {}), Spec("Resizing", {"height": 4, "width": 5})]})
    assert agree(augment, (None, 8, 8, 3)) == "ok"
    assert agree(Spec("Pipeline", {"layers": [Spec("Dense", {"units": 4})]}), (None,)) == "unknown"


@pytest.mark.parametrize("mode", ["int", "one_hot"])
@pytest.mark.parametrize("shape", [(None,), (None, 1), (4, 1), (None, 3), ()])
def test_hashed_crossing_matches_keras(mode, shape):
    import keras

    args = {"num_bins": 5, "output_mode": mode}
    engine = engine_outcome("HashedCrossing", args, [shape, shape])
    if engine[0] == "unknown":
        return
    features = [keras.KerasTensor(shape, dtype="int64") for _ in range(2)]
    assert engine == ("ok", tuple(keras.layers.HashedCrossing(**args)(features).shape))

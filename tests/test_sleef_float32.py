"""float32 exp, log, tanh, cos, sigmoid give PyTorch's CPU values to the last bit.

Expected values were printed by PyTorch 2.13 (CPU, AVX-512) with the call named beside each
case, e.g. ``torch.exp(torch.tensor(xs)).tolist()``. NumPy's float32 functions give a
different last bit for every one of these inputs."""

import numpy
import pytest

import autograd_kit as T
from autograd_kit.ops import sleef_float32 as S

CASES = {
    # torch.exp(torch.tensor(xs)).tolist()
    "exp": ([-3.9731, 3.4081, 0.3291, -2.3543, 4.8001, 0.6086],
            [0.018815016373991966, 30.207792282104492, 1.3897168636322021,
             0.09495995193719864, 121.52255249023438, 1.837856650352478]),
    # torch.log(torch.tensor(xs)).tolist()
    "log": ([0.7551, 2.3643, 2.2562, 0.8283, 5.2064, 3.4997],
            [-0.2809050679206848, 0.8604819774627686, 0.8136820197105408,
             -0.18837986886501312, 1.6498886346817017, 1.252677321434021]),
    # torch.tanh(torch.tensor(xs)).tolist()
    "tanh": ([-2.4058, 0.3291, -1.6579, 0.6086, -1.464, 1.6601],
             [-0.9838616251945496, 0.31771185994148254, -0.9299337863922119,
              0.5431408882141113, -0.8984267115592957, 0.9302306771278381]),
    # torch.cos(torch.tensor(xs)).tolist()
    "cos": ([1.2613, -5.1964, -1.8879, 1.6601, 2.4896, -2.5214],
            [0.304578959941864, 0.46533334255218506, -0.31181594729423523,
             -0.08918499946594238, -0.7948762774467468, -0.8137664794921875]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_float32_values_match_pytorch(name):
    xs, expected = CASES[name]
    assert getattr(T, name)(T.tensor(xs)).tolist() == expected
    assert getattr(T.tensor(xs), name)().tolist() == expected
    numpy_float32 = getattr(numpy, name)(numpy.array(xs, numpy.float32)).tolist()
    assert numpy_float32 != expected  # the case is one where the last bit matters


# 40 values: 32 go through PyTorch's vectorised loop (SLEEF exp), the last 8 through the
# scalar loop (glibc expf). torch.sigmoid(torch.tensor(SIGMOID_X)).tolist()
SIGMOID_X = [1.426, 1.685, -2.526, 0.242, -0.394, -0.781, -0.33, -2.583, -0.319, 4.32, 2.794,
             2.089, 1.567, -3.93, -0.075, 8.418, -4.647, -1.197, 6.019, 3.713, 0.501, -2.916,
             -1.026, -1.343, 5.199, -3.188, -1.46, 5.756, -2.655, 1.865, -3.434, 7.673, 1.409,
             -1.223, -5.553, -2.355, -5.707, -2.6, -3.371, -2.844]
SIGMOID_Y = [0.8062772750854492, 0.8435654640197754, 0.07405546307563782, 0.5602064728736877,
             0.4027547538280487, 0.3141044080257416, 0.41824063658714294, 0.0702405571937561,
             0.4209194481372833, 0.9868747591972351, 0.9423506855964661, 0.8898294568061829,
             0.8273555040359497, 0.019265230745077133, 0.4812587797641754, 0.9997791647911072,
             0.009499230422079563, 0.23200932145118713, 0.9975737929344177, 0.9761772155761719,
             0.6226943135261536, 0.05136827751994133, 0.2638603150844574, 0.20701713860034943,
             0.9945082068443298, 0.0396198108792305, 0.18846732378005981, 0.9968462586402893,
             0.06568150967359543, 0.8658786416053772, 0.03124961256980896, 0.9995349645614624,
             0.8036081790924072, 0.22740893065929413, 0.0038608487229794264,
             0.08666916191577911, 0.0033116231206804514, 0.06913843005895615,
             0.033214181661605835, 0.05499228835105896]


def test_sigmoid_vector_block_and_scalar_tail_match_pytorch():
    assert T.sigmoid(T.tensor(SIGMOID_X)).tolist() == SIGMOID_Y
    x32 = numpy.array(SIGMOID_X, numpy.float32)
    assert (1 / (1 + numpy.exp(-x32))).tolist() != SIGMOID_Y


def test_sigmoid_same_values_in_another_shape():
    # a (5, 8) tensor is walked as 40 values in a row, as above
    y = T.sigmoid(T.tensor(SIGMOID_X).reshape(5, 8))
    assert y.reshape(-1).tolist() == SIGMOID_Y


def test_sigmoid_extremes():
    # torch.sigmoid(torch.tensor([-200., -88.8, 0., 88.8, 200., float('nan')])).tolist()
    y = T.sigmoid(T.tensor([-200., -88.8, 0., 88.8, 200., float("nan")])).tolist()
    assert y[:5] == [0.0, 0.0, 0.5, 1.0, 1.0] and y[5] != y[5]


def test_sleef_exp_special_values():
    x = numpy.array([-numpy.inf, -104.5, -103.9, 0.0, 88.7, 88.8, 100.5, numpy.inf],
                    numpy.float32)
    y = S.sleef_exp(x)
    assert y[0] == 0 and y[1] == 0 and 0 < y[2] < 1e-44 and y[3] == 1
    assert numpy.isfinite(y[4]) and numpy.isinf(y[5:]).all()
    assert numpy.isnan(S.sleef_exp(numpy.array([numpy.nan], numpy.float32))).all()


def test_fma_rounds_once():
    # (1 + 2⁻²³)·(1 - 2⁻²⁴) - 1: a separate product would round away the 2⁻⁴⁷ part
    a, b = numpy.float32(1 + 2 ** -23), numpy.float32(1 - 2 ** -24)
    assert S.fma(a, b, numpy.float32(-1)) == numpy.float32(2 ** -23 - 2 ** -24 - 2 ** -47)
    assert numpy.float32(a * b) - numpy.float32(1) != numpy.float32(2 ** -23 - 2 ** -24 - 2 ** -47)


def test_float64_keeps_numpy_path():
    x = T.tensor([0.3291, 1.5], dtype=T.float64)
    assert T.exp(x).tolist() == numpy.exp(numpy.array([0.3291, 1.5])).tolist()

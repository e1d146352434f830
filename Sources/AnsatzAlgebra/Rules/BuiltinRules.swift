/// The built-in rule sets, in the rule-file format of Grammar/rules.ebnf: data, not code. Every rule
/// is checked by evaluating both sides at random points that satisfy its conditions
/// (Tests/AnsatzAlgebraTests/RuleTests.swift). Every symbol in a rule is a pattern variable.
public enum BuiltinRules {
    public static let text = """
    # sec, csc and cot in terms of sin and cos (valid wherever both sides are defined)
    [trig_functions]
    sec_definition: sec(a) -> 1/cos(a)
    csc_definition: csc(a) -> 1/sin(a)
    cot_definition: cot(a) -> cos(a)/sin(a)

    # roots and absolute values: valid only for real or nonnegative values
    [radical]
    sqrt_of_square: sqrt(a^2) -> abs(a) if a real
    abs_nonnegative: abs(a) -> a if a >= 0
    abs_nonpositive: abs(a) -> -a if a <= 0
    abs_squared: abs(a)^2 -> a^2 if a real
    abs_of_product: abs(a*b) -> abs(a)*abs(b) if a real, b real
    sign_times_abs: sign(a)*abs(a) -> a if a real

    # exponentials and logarithms (principal branch)
    [exp_log]
    log_of_exp: log(exp(a)) -> a if a real
    log_of_product: log(a*b) -> log(a) + log(b) if a > 0, b > 0
    log_of_power: log(a^b) -> b*log(a) if a > 0, b real
    exp_of_log_multiple: exp(b*log(a)) -> a^b
    exp_product: exp(a)*exp(b) -> exp(a + b)
    exp_quotient: exp(a)/exp(b) -> exp(a - b)

    exp_integer_power: exp(a)^n -> exp(a*n) if n integer
    exp_real_power: exp(a)^b -> exp(a*b) if a real, b real

    # trigonometric and hyperbolic identities (valid for all complex arguments)
    [trigonometric]
    pythagorean: sin(a)^2 + cos(a)^2 -> 1
    pythagorean_hyperbolic: cosh(a)^2 - sinh(a)^2 -> 1
    one_minus_sin_squared: 1 - sin(a)^2 -> cos(a)^2
    one_minus_cos_squared: 1 - cos(a)^2 -> sin(a)^2
    sin_odd: sin(-a) -> -sin(a)
    cos_even: cos(-a) -> cos(a)
    tan_odd: tan(-a) -> -tan(a)
    sinh_odd: sinh(-a) -> -sinh(a)
    cosh_even: cosh(-a) -> cosh(a)
    tan_quotient: sin(a)/cos(a) -> tan(a)
    double_angle_sin: 2*sin(a)*cos(a) -> sin(2*a)
    double_angle_cos: cos(a)^2 - sin(a)^2 -> cos(2*a)
    double_angle_cos_from_cos: 2*cos(a)^2 - 1 -> cos(2*a)
    double_angle_cos_from_sin: 1 - 2*sin(a)^2 -> cos(2*a)
    double_angle_sinh: 2*sinh(a)*cosh(a) -> sinh(2*a)
    angle_sum_sin: sin(a)*cos(b) + cos(a)*sin(b) -> sin(a + b)
    angle_difference_sin: sin(a)*cos(b) - cos(a)*sin(b) -> sin(a - b)
    angle_sum_cos: cos(a)*cos(b) - sin(a)*sin(b) -> cos(a + b)
    angle_difference_cos: cos(a)*cos(b) + sin(a)*sin(b) -> cos(a - b)
    cosh_from_exp: exp(a) + exp(-a) -> 2*cosh(a)
    sinh_from_exp: exp(a) - exp(-a) -> 2*sinh(a)
    cosh_from_half_exp: exp(a)/2 + exp(-a)/2 -> cosh(a)
    sinh_from_half_exp: exp(a)/2 - exp(-a)/2 -> sinh(a)
    exp_from_hyperbolic: cosh(a) + sinh(a) -> exp(a)
    exp_from_hyperbolic_difference: cosh(a) - sinh(a) -> exp(-a)

    # a normal form in sin and cos, with sin^2 written through cos^2: used by simplify on one
    # branch, then expanded and cancelled (tan(x)*cos(x) becomes sin(x) this way)
    [sin_cos_normal_form]
    tan_definition: tan(a) -> sin(a)/cos(a)
    sin_squared: sin(a)^2 -> 1 - cos(a)^2
    sinh_squared: sinh(a)^2 -> cosh(a)^2 - 1
    """

    /// The parsed rule book (a test checks that it parses; were it not to, simplify would run with
    /// no rules rather than trap).
    public static let book: RuleBook = (try? RuleBook.parse(text, origin: "builtin")) ?? RuleBook()
}

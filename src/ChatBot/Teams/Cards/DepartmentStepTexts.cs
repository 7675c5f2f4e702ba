namespace ChatBot.Teams.Cards;

/// <summary>The texts of the ticket card's department step, in English and Italian.</summary>
public sealed record DepartmentStepTexts(string Next, string ChooseFirst, string Changed)
{
    public static DepartmentStepTexts For(TeamsTexts texts) => texts.Culture == "it" ? Italian : English;

    public static readonly DepartmentStepTexts English = new(
        Next: "Next",
        ChooseFirst: "Choose the department first: the form then shows what it needs.",
        Changed: "The form now shows what {0} needs: check it and submit again.");

    public static readonly DepartmentStepTexts Italian = new(
        Next: "Avanti",
        ChooseFirst: "Scegli prima il reparto: il modulo mostrerà poi ciò che gli serve.",
        Changed: "Il modulo ora mostra ciò che serve a {0}: controlla e invia di nuovo.");
}
